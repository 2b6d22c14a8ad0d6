import type { SweepCounts } from '../../../shared/sweep';
import { settledPoints } from '../../../shared/sweep-pace';

/** Runs per phone: done, failed, infeasible, running, of the points planned there. */
export function SweepPhoneTable({
  perPhone,
  phoneName,
}: {
  perPhone: Record<string, SweepCounts>;
  phoneName(key: string): string;
}) {
  const phones = Object.entries(perPhone).sort(([a], [b]) => a.localeCompare(b));
  return (
    <table className="sweep-phones" aria-label="Runs per phone">
      <thead>
        <tr>
          <th scope="col">Phone</th>
          <th scope="col">Done</th>
          <th scope="col">Failed</th>
          <th scope="col">Infeasible</th>
          <th scope="col">Running</th>
          <th scope="col">Progress</th>
        </tr>
      </thead>
      <tbody>
        {phones.map(([key, counts]) => (
          <tr key={key} data-phone={key}>
            <th scope="row">{phoneName(key)}</th>
            <td data-count="done">{counts.done}</td>
            <td data-count="failed">{counts.failed}</td>
            <td data-count="infeasible">{counts.infeasible}</td>
            <td data-count="running">{counts.running}</td>
            <td>
              <progress max={counts.planned} value={settledPoints(counts)} />{' '}
              {settledPoints(counts)} / {counts.planned}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
