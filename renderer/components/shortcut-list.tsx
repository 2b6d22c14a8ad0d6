/** One keyboard shortcut of a page: its key and what it does. */
export interface Shortcut {
  key: string;
  action: string;
}

/** The keyboard shortcuts a page offers, listed on it. */
export function ShortcutList({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  return (
    <dl className="facts">
      {shortcuts.map((shortcut) => (
        <div key={shortcut.key}>
          <dt>
            <kbd>{shortcut.key}</kbd>
          </dt>
          <dd>{shortcut.action}</dd>
        </div>
      ))}
    </dl>
  );
}
