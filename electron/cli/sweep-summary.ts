import { budgetBreaches } from '../../shared/compare-recommend';
import type { Budgets } from '../../shared/profile';
import type { RunRecord } from '../../shared/run';
import type { SweepDetails, SweepPoint } from '../../shared/sweep';
import { mib, ms } from './format-run';

/** A sweep as `--json` and `--report FILE.json` write it: record, points, and each point's run. */
export interface SweepDocument extends SweepDetails {
  /** The last run of each point that has one (its summary, error and state). */
  runs: Pick<
    RunRecord,
    'id' | 'deviceKey' | 'scenario' | 'quant' | 'state' | 'error' | 'summary'
  >[];
}

/** The document of a sweep and the runs its points name (the last run of each point). Pure. */
export function sweepDocument(details: SweepDetails, runs: readonly RunRecord[]): SweepDocument {
  return {
    ...details,
    runs: runs.map(({ id, deviceKey, scenario, quant, state, error, summary }) => ({
      ...{ id, deviceKey, scenario, quant, state, error, summary },
    })),
  };
}

const headings = ['point', 'phone', 'TTFT median (95 % CI)', 'peak memory', 'fidelity', 'state'];

/**
 * The summary table: a row per point × phone (TTFT median with its CI, peak memory, logit cosine
 * against the full-context float reference, and the point's state with its reason, or with the
 * profile's budgets it breaks), then the totals. Pure.
 */
export function formatSweepSummary(details: SweepDetails, runs: readonly RunRecord[]): string {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const budgets = details.sweep.profile.budgets;
  const rows = details.points.map((point) =>
    summaryRow(point, byId.get(point.runIds.at(-1)!), budgets),
  );
  const widths = headings.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ');
  const { sweep } = details;
  return [
    `sweep ${sweep.id}  ${sweep.state}  profile ${sweep.profileName}`,
    line(headings),
    ...rows.map(line),
    totalsLine(details),
  ].join('\n');
}

/** One row of the table; a finished run over a budget says which (`over budget: TTFT 312 ms > 250 ms`). Pure. */
export function summaryRow(
  point: SweepPoint,
  run: RunRecord | undefined,
  budgets: Budgets = {},
): string[] {
  const summary = run?.state === 'finished' ? run.summary : null;
  const ttft = summary?.stats.ttftMs;
  const peak = summary?.memory?.peakBytes ?? summary?.pssPeakBytes ?? null;
  const cosine = summary?.accuracy?.total.cosineMean;
  const fidelity = summary?.accuracy?.total ?? null;
  const over = summary ? budgetBreaches({ stats: summary.stats, fidelity }, budgets) : [];
  const state = point.reason ? `${point.status}: ${point.reason}` : point.status;
  return [
    point.pointKey,
    point.deviceKey,
    ttft ? `${ms(ttft.median)} (${ttft.ciLow.toFixed(1)}–${ttft.ciHigh.toFixed(1)})` : '-',
    peak === null ? '-' : mib(peak),
    cosine === undefined ? '-' : `cosine ${cosine.toFixed(4)}`,
    over.length > 0 ? `${state}, over budget: ${over.join(', ')}` : state,
  ];
}

/** The totals line: how many points ended each way, and the phones. Pure. */
export function totalsLine({ sweep }: SweepDetails): string {
  const { counts } = sweep;
  const phones = Object.keys(sweep.perPhone).length;
  const parts = [
    `${counts.done} finished`,
    `${counts.failed} failed`,
    `${counts.infeasible} infeasible`,
    ...(counts.skipped > 0 ? [`${counts.skipped} skipped`] : []),
    ...(counts.cancelled > 0 ? [`${counts.cancelled} cancelled`] : []),
    ...(counts.running > 0 ? [`${counts.running} running`] : []),
  ];
  const note = sweep.concurrencyNote ? `; ${sweep.concurrencyNote}` : '';
  return `total: ${counts.planned} runs on ${phones} ${phones === 1 ? 'phone' : 'phones'}: ${parts.join(', ')}${note}`;
}

/** Why the command exits non-zero, or null: failed runs (infeasible ones are not failures). Pure. */
export function sweepFailure(details: SweepDetails, stopped: boolean): string | null {
  const { sweep } = details;
  const failed = details.points.filter((point) => point.status === 'failed');
  if (failed.length > 0) {
    const first = failed[0]!;
    return `${failed.length} of ${sweep.counts.planned} runs failed (first: ${first.pointKey} on ${first.deviceKey}: ${first.reason ?? 'no reason'})`;
  }
  if (sweep.state === 'finished') return null;
  if (stopped && sweep.state === 'cancelled') return `sweep ${sweep.id} stopped on the phones`;
  const why = sweep.error ? `: ${sweep.error.message}` : '';
  return `sweep ${sweep.id} ${sweep.state}${why} (edge-studio sweep --resume ${sweep.id} continues it)`;
}
