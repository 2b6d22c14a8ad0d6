import { useEffect, useState } from 'react';
import type { LogEntry } from '../../shared/app-info';
import { useStudio } from '../studio-context';

const maxLines = 200;

/** The studio's live log (`app:onDidLog`), newest last, bounded to the last lines. */
export function LogView() {
  const studio = useStudio();
  const [lines, setLines] = useState<LogEntry[]>([]);
  useEffect(
    () =>
      studio.on('app:onDidLog', (entry) =>
        setLines((current) => [...current, entry].slice(-maxLines)),
      ),
    [studio],
  );
  return (
    <section aria-label="Log">
      <h2>Log</h2>
      {lines.length === 0 ? (
        <p className="muted">Messages of the studio's main side appear here as they happen.</p>
      ) : (
        <ol className="log" data-testid="log">
          {lines.map((line, index) => (
            <li key={index} className={`log-${line.level}`}>
              <time>{new Date(line.time).toLocaleTimeString()}</time> <b>{line.source}</b>{' '}
              {line.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
