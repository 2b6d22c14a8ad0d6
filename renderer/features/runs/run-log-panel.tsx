import type { LogLine } from './run-series';

/** Lines shown per log: the series keeps more, a page needs the recent ones. */
export const logLinesShown = 200;

function LogList(props: { label: string; lines: readonly LogLine[]; empty: string }) {
  const shown = props.lines.slice(-logLinesShown);
  return (
    <section aria-label={props.label} className="run-panel run-log">
      <h3>
        {props.label}
        {props.lines.length > shown.length && (
          <span className="muted">
            {' '}
            (last {shown.length} of {props.lines.length} kept)
          </span>
        )}
      </h3>
      {shown.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ol className="log">
          {shown.map((line) => (
            <li key={line.i} className={line.source === 'malformed' ? 'log-warn' : undefined}>
              <time>{(line.t / 1000).toFixed(2)} s</time> <b>{line.source}</b> {line.line}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The runner's log (its stderr, the studio's notes, lines that were not contract events) and the
 * phone's logcat, each capped to its newest lines.
 */
export function RunLogPanel({ logs, dropped }: { logs: readonly LogLine[]; dropped: number }) {
  const runner = logs.filter((line) => line.source !== 'logcat');
  const logcat = logs.filter((line) => line.source === 'logcat');
  return (
    <div className="run-logs">
      {dropped > 0 && <p className="muted">{dropped} older log lines are not shown.</p>}
      <LogList label="Runner log" lines={runner} empty="Nothing from the runner yet." />
      <LogList label="Logcat" lines={logcat} empty="No logcat lines yet." />
    </div>
  );
}
