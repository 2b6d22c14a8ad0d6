import { useState } from 'react';
import type { DiffCell, ReportDiff } from '../../../shared/compare';
import { formatChange } from '../../../shared/compare-statistics';
import { runMetrics } from '../../../shared/run-metrics';
import type { StudioError } from '../../../shared/result';
import type { SweepRecord } from '../../../shared/sweep';
import { formatCell } from '../../charts/chart-table';
import { useStudio } from '../../studio-context';

const verdictWords: Record<DiffCell['verdict'], string> = {
  regression: 'regression',
  improvement: 'improvement',
  unchanged: 'unchanged (CIs overlap)',
  missing: 'missing',
};

function cellText(cell: DiffCell): string {
  const { unit } = runMetrics[cell.metric];
  const value = (side: DiffCell['a']) =>
    side === null ? '–' : formatCell(unit === 'B' ? side.median / 1024 / 1024 : side.median);
  const shownUnit = unit === 'B' ? 'MiB' : unit;
  const change = cell.relativeChange === null ? '' : ` (${formatChange(cell.relativeChange)})`;
  return `${value(cell.a)} → ${value(cell.b)} ${shownUnit}${change}`;
}

/** The diff as a table: a row per configuration, a cell per metric with its verdict. */
export function DiffTable({ diff }: { diff: ReportDiff }) {
  const metrics = diff.rows[0]?.cells.map((cell) => cell.metric) ?? [];
  return (
    <div className="compare-table">
      <table className="chart-table" aria-label="Report diff">
        <caption>
          {diff.rows.length} configurations: {diff.regressions} regressions, {diff.improvements}{' '}
          improvements (flagged only where the 95 % CIs separate)
        </caption>
        <thead>
          <tr>
            <th scope="col">configuration</th>
            <th scope="col">phone</th>
            <th scope="col">in</th>
            {metrics.map((metric) => (
              <th key={metric} scope="col">
                {runMetrics[metric].label} (A → B)
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {diff.rows.map((row) => (
            <tr key={row.key}>
              <td>{row.label}</td>
              <td>{row.deviceKey ?? 'farm'}</td>
              <td>{row.presence}</td>
              {row.cells.map((cell) => (
                <td
                  key={cell.metric}
                  data-verdict={cell.verdict}
                  title={verdictWords[cell.verdict]}
                >
                  {cellText(cell)} <span className="badge">{verdictWords[cell.verdict]}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Pick sweeps A and B and read B against A (`report:diff`), farm-wide or per phone. */
export function ReportDiffView({ sweeps }: { sweeps: readonly SweepRecord[] }) {
  const studio = useStudio();
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [scope, setScope] = useState<'farm' | 'per-phone'>('farm');
  const [answer, setAnswer] = useState<ReportDiff | StudioError | null>(null);
  const run = async () => {
    const diffed = await studio.invoke('report:diff', { a, b, scope });
    setAnswer(diffed.ok ? diffed.value : diffed.error);
  };
  const picker = (label: string, value: string, set: (id: string) => void) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(event) => set(event.target.value)}>
        <option value="">pick a sweep</option>
        {sweeps.map((sweep) => (
          <option key={sweep.id} value={sweep.id}>
            {sweep.profileName} · {new Date(sweep.createdAt).toLocaleString()}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="report-diff">
      <div className="report-build">
        {picker('A (before)', a, setA)}
        {picker('B (after)', b, setB)}
        <label>
          Scope{' '}
          <select value={scope} onChange={(event) => setScope(event.target.value as typeof scope)}>
            <option value="farm">farm-wide</option>
            <option value="per-phone">per phone</option>
          </select>
        </label>
        <button type="button" disabled={!a || !b || a === b} onClick={() => void run()}>
          Compare B against A
        </button>
      </div>
      {answer && 'rows' in answer && <DiffTable diff={answer} />}
      {answer && 'code' in answer && <p role="alert">Could not diff: {answer.message}</p>}
    </div>
  );
}
