import { useLogLines } from '../hooks/use-log-lines';

/** The studio's log: recent lines, then live ones, newest last. */
export function LogView() {
  const lines = useLogLines();
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
