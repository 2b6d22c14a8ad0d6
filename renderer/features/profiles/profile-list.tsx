import type { ProfileEntry } from '../../../shared/profile-file';

/** The profile files: name, where it lives, valid or not; picking one opens it. */
export function ProfileList({
  profiles,
  selected,
  onOpen,
}: {
  profiles: readonly ProfileEntry[];
  selected: string | null;
  onOpen(file: string): void;
}) {
  if (profiles.length === 0) return <p className="muted">No profiles found.</p>;
  return (
    <ul className="profile-list" aria-label="Profile files">
      {profiles.map((entry) => (
        <li key={entry.file} aria-current={entry.file === selected ? 'true' : undefined}>
          <button
            type="button"
            className="link"
            onClick={() => onOpen(entry.file)}
            title={entry.file}
          >
            {entry.name}
          </button>{' '}
          <span className="muted">{entry.source === 'studio' ? 'shipped' : 'yours'}</span>{' '}
          {entry.valid ? (
            <span className="badge">valid</span>
          ) : (
            <span className="badge invalid" title={entry.issues.map((i) => i.message).join('\n')}>
              {entry.issues.length} error{entry.issues.length === 1 ? '' : 's'}
            </span>
          )}
          <div className="muted profile-file">{entry.file}</div>
        </li>
      ))}
    </ul>
  );
}
