import { useEffect, useRef } from 'react';

/** The page's shortcuts, as listed on it (they work while typing in the editor). */
export const profileShortcuts = [
  { key: 'Ctrl+S', action: 'save the profile (refused while it has errors)' },
  { key: 'Ctrl+Enter', action: 'launch a sweep of the profile (saving it first)' },
] as const;

/** What each shortcut does. */
export interface ProfileShortcutActions {
  save(): void;
  launch(): void;
}

/** Listens for Ctrl+S (⌘S) and Ctrl+Enter (⌘Enter) anywhere on the page. */
export function useProfileShortcuts(actions: ProfileShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const action =
        event.key.toLowerCase() === 's'
          ? latest.current.save
          : event.key === 'Enter'
            ? latest.current.launch
            : null;
      if (!action) return;
      // The browser's own Ctrl+S would offer to save the page.
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
