import type { SweepRecord } from '../../../shared/sweep';
import { settledPoints } from '../../../shared/sweep-pace';

/** Past and running sweeps, newest first; picking one shows its progress. */
export function SweepList({
  sweeps,
  selected,
  onSelect,
}: {
  sweeps: readonly SweepRecord[];
  selected: string | null;
  onSelect(sweepId: string): void;
}) {
  if (sweeps.length === 0) return <p className="muted">No sweeps yet.</p>;
  return (
    <ul className="sweep-list" aria-label="Sweeps">
      {sweeps.map((sweep) => (
        <li key={sweep.id} aria-current={sweep.id === selected ? 'true' : undefined}>
          <button type="button" className="link" onClick={() => onSelect(sweep.id)}>
            {sweep.profileName}
          </button>{' '}
          <span className="badge">{sweep.state}</span>{' '}
          <span className="muted">
            {settledPoints(sweep.counts)} / {sweep.counts.planned} points ·{' '}
            {new Date(sweep.createdAt).toLocaleString()}
          </span>
        </li>
      ))}
    </ul>
  );
}
