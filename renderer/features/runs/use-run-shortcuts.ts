import { useEffect, useRef } from 'react';

/** The page's shortcuts, as listed on it. */
export const runShortcuts = [
  { key: 'n', action: 'start a run (focus the form; Enter submits)' },
  { key: 's', action: 'stop the selected run' },
  { key: '[ / ]', action: 'previous / next run' },
  { key: '↑ / ↓', action: 'move in the run list' },
  { key: 'Delete', action: 'delete the selected finished run (in the list)' },
] as const;

/** What each page shortcut does. */
export interface RunShortcutActions {
  start(): void;
  stop(): void;
  step(by: number): void;
}

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.tagName) return false;
  return ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName) || element.isContentEditable;
}

/** Listens for the page's single-key shortcuts (not while typing, nor with a modifier). */
export function useRunShortcuts(actions: RunShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      const table: Record<string, () => void> = {
        n: () => latest.current.start(),
        s: () => latest.current.stop(),
        '[': () => latest.current.step(-1),
        ']': () => latest.current.step(1),
      };
      const action = table[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
