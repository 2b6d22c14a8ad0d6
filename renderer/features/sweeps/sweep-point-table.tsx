import type { SweepPoint } from '../../../shared/sweep';

/** The Runs page's address of a run (it opens that run). */
export const runHref = (runId: string) => `#/runs?run=${encodeURIComponent(runId)}`;

/**
 * Every point of the sweep on its phone: status, why, and a link to its (latest) run. Once the
 * sweep has ended (`live` false), a point still marked running was interrupted with it.
 */
export function SweepPointTable({
  points,
  live,
  phoneName,
}: {
  points: readonly SweepPoint[];
  live: boolean;
  phoneName(key: string): string;
}) {
  return (
    <table className="sweep-points" aria-label="Sweep points">
      <thead>
        <tr>
          <th scope="col">Point</th>
          <th scope="col">Phone</th>
          <th scope="col">Status</th>
          <th scope="col">Run</th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => {
          const runId = point.runIds.at(-1);
          const status = !live && point.status === 'running' ? 'interrupted' : point.status;
          return (
            <tr key={`${point.pointKey}@${point.plannedDevice}`} data-status={status}>
              <td>
                <code>{point.pointKey}</code>
              </td>
              <td>{phoneName(point.deviceKey)}</td>
              <td>
                {status}
                {point.reason && <span className="muted"> — {point.reason}</span>}
              </td>
              <td>
                {runId ? <a href={runHref(runId)}>open run</a> : <span className="muted">—</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
