import { useState, type FormEvent } from 'react';
import { reportFormats, type ReportBuildArgs, type ReportFormat } from '../../../shared/compare';
import type { SweepRecord } from '../../../shared/sweep';

/** Build a sweep's report (or its diff against another sweep) as HTML, CSV or JSON. */
export function ReportBuildForm({
  sweeps,
  busy,
  onBuild,
}: {
  sweeps: readonly SweepRecord[];
  busy: boolean;
  onBuild(args: ReportBuildArgs): void;
}) {
  const [sweepId, setSweepId] = useState('');
  const [format, setFormat] = useState<ReportFormat>('html');
  const [against, setAgainst] = useState('');
  const chosen = sweepId || sweeps[0]?.id || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    onBuild({ sweepId: chosen, format, ...(against ? { against } : {}) });
  };
  return (
    <form className="report-build" aria-label="Build a report" onSubmit={submit}>
      <label>
        Sweep{' '}
        <select value={chosen} onChange={(event) => setSweepId(event.target.value)}>
          {sweeps.map((sweep) => (
            <option key={sweep.id} value={sweep.id}>
              {sweep.profileName} · {new Date(sweep.createdAt).toLocaleString()} ({sweep.state})
            </option>
          ))}
        </select>
      </label>
      <label>
        Format{' '}
        <select value={format} onChange={(event) => setFormat(event.target.value as ReportFormat)}>
          {reportFormats.map((option) => (
            <option key={option} value={option}>
              {option.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        Diff against{' '}
        <select value={against} onChange={(event) => setAgainst(event.target.value)}>
          <option value="">no diff (the sweep's report)</option>
          {sweeps
            .filter((sweep) => sweep.id !== chosen)
            .map((sweep) => (
              <option key={sweep.id} value={sweep.id}>
                {sweep.profileName} · {new Date(sweep.createdAt).toLocaleString()}
              </option>
            ))}
        </select>
      </label>
      <button type="submit" disabled={busy || !chosen}>
        {busy ? 'Building…' : 'Build report'}
      </button>
      {sweeps.length === 0 && <p className="muted">No sweeps yet: run one on the Profiles page.</p>}
    </form>
  );
}
