import type { CompareQuery } from '../../../shared/compare';
import type { SweepRecord } from '../../../shared/sweep';

/** What to compare: sweeps (checkboxes) and the scope (per phone or farm-wide). */
export function ComparePicker({
  sweeps,
  sweepIds,
  scope,
  onChange,
}: {
  sweeps: readonly SweepRecord[];
  sweepIds: readonly string[];
  scope: CompareQuery['scope'];
  onChange(next: { sweepIds: string[]; scope: CompareQuery['scope'] }): void;
}) {
  const toggle = (id: string) =>
    onChange({
      scope,
      sweepIds: sweepIds.includes(id) ? sweepIds.filter((item) => item !== id) : [...sweepIds, id],
    });
  return (
    <div className="compare-picker">
      <fieldset>
        <legend>Sweeps</legend>
        {sweeps.length === 0 && (
          <p className="muted">No sweeps yet: run one on the Profiles page.</p>
        )}
        {sweeps.map((sweep) => (
          <label key={sweep.id}>
            <input
              type="checkbox"
              checked={sweepIds.includes(sweep.id)}
              onChange={() => toggle(sweep.id)}
            />{' '}
            {sweep.profileName} <span className="badge">{sweep.state}</span>{' '}
            <span className="muted">{new Date(sweep.createdAt).toLocaleString()}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Scope</legend>
        {(['per-phone', 'farm'] as const).map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="compare-scope"
              checked={scope === option}
              onChange={() => onChange({ sweepIds: [...sweepIds], scope: option })}
            />{' '}
            {option === 'per-phone' ? 'per phone' : 'farm-wide (pooled over phones)'}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
