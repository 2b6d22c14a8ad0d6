import type { Configuration, ReportDiff } from '../../../shared/compare';
import type { RunRecord } from '../../../shared/run';
import { scenarioLabel } from '../../../shared/scenario';
import { runMetricNames, runMetrics, type Statistic } from '../../../shared/run-metrics';
import type { SweepReportData } from './report-document';

/**
 * The CSV reports (RFC 4180, a header row, `\r\n` line ends), long format so every figure has one
 * row:
 *
 * - A sweep: one row per **configuration × metric** (`row` = `configuration`: the statistic
 *   pooled over its runs) and per **run × metric** (`row` = `run`: the run's own statistic).
 *   Metrics are the run metrics (`ttftMs`, `prefillTokS`, `decodeTokS`, `chunkComputeMs`,
 *   `chunkStateMs`, `peakRssBytes`: n, median, p90, mean, sd, ci_low, ci_high) and single figures
 *   (`value` only): `weightsBytes`, `kvCacheBytes`, `memoryStateBytes`, `runtimeBytes`,
 *   `prefillMjPerToken`, `decodeMjPerToken`, `fidelityCosine`, `klMean`, `top1Agreement`,
 *   `taskExactMatch`, `taskF1`, `taskRougeL`. A configuration or run with no figure (failed,
 *   infeasible) has one row with `metric` empty and its status and reason.
 * - A diff: one row per **configuration × metric**, sweep A's and B's median and CI, the relative
 *   change and the verdict (`regression` / `improvement` only when the 95 % CIs do not overlap).
 */

/** A CSV field: quoted when it holds a comma, quote or line break. */
function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows (the first the header) as CSV text. */
export function csvText(
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

export const sweepCsvColumns = [
  'row',
  'sweep_id',
  'configuration_key',
  'label',
  'phone',
  'emulated',
  'model',
  'scenario',
  'quant',
  'ep',
  'threads',
  'status',
  'reason',
  'run_id',
  'metric',
  'unit',
  'value',
  'n',
  'median',
  'p90',
  'mean',
  'sd',
  'ci_low',
  'ci_high',
] as const;

type Cell = string | number | boolean | null | undefined;
type Figures = [metric: string, unit: string, value: number | null | undefined, stat?: Statistic][];

function statisticFigures(stats: Partial<Record<string, Statistic>>): Figures {
  return runMetricNames.flatMap((metric) => {
    const stat = stats[metric];
    return stat ? [[metric, runMetrics[metric].unit, stat.median, stat] as Figures[number]] : [];
  });
}

function singleFigures(
  item: Pick<Configuration, 'memory' | 'energy' | 'fidelity' | 'task'>,
): Figures {
  const figures: Figures = [
    ['weightsBytes', 'B', item.memory?.weightsBytes],
    ['kvCacheBytes', 'B', item.memory?.kvCacheBytes],
    ['memoryStateBytes', 'B', item.memory?.memoryStateBytes],
    ['runtimeBytes', 'B', item.memory?.runtimeBytes],
    ['prefillMjPerToken', 'mJ/token', item.energy?.prefillMjPerToken],
    ['decodeMjPerToken', 'mJ/token', item.energy?.decodeMjPerToken],
    ['fidelityCosine', '', item.fidelity?.cosineMean],
    ['klMean', 'nats', item.fidelity?.klMean],
    ['top1Agreement', '', item.fidelity?.top1Agreement],
    ['taskExactMatch', '', item.task?.exactMatch],
    ['taskF1', '', item.task?.f1],
    ['taskRougeL', '', item.task?.rougeL],
  ];
  return figures.filter(([, , value]) => value !== null && value !== undefined);
}

function figureRows(
  prefix: Cell[],
  figures: Figures,
  status: string,
  reason: string | null,
  runId: string,
): Cell[][] {
  const head = [...prefix, status, reason, runId];
  if (figures.length === 0) return [[...head, '', '', '', '', '', '', '', '', '', '']];
  return figures.map(([metric, unit, value, stat]) => [
    ...head,
    metric,
    unit,
    value,
    stat?.n,
    stat?.median,
    stat?.p90,
    stat?.mean,
    stat?.sd,
    stat?.ciLow,
    stat?.ciHigh,
  ]);
}

function configurationRows(sweepId: string, item: Configuration): Cell[][] {
  const prefix: Cell[] = [
    'configuration',
    sweepId,
    item.key,
    item.label,
    item.deviceKey ?? 'farm',
    item.emulated,
    item.model,
    scenarioLabel(item.scenario),
    item.quant,
    item.ep,
    item.threads,
  ];
  const figures = [...statisticFigures(item.stats), ...singleFigures(item)];
  return figureRows(prefix, figures, item.status, item.reason, item.runIds.join(' '));
}

function runRows(
  sweepId: string,
  run: RunRecord,
  keyOf: (run: RunRecord) => string | undefined,
): Cell[][] {
  const prefix: Cell[] = [
    'run',
    sweepId,
    keyOf(run) ?? '',
    '',
    run.deviceKey,
    run.context?.emulated ?? null,
    run.request.model,
    run.scenario,
    run.quant,
    run.request.ep,
    run.request.threads,
  ];
  const summary = run.summary;
  const accuracy = summary?.accuracy;
  const figures = summary
    ? [
        ...statisticFigures(summary.stats),
        ...singleFigures({
          memory: summary.memory,
          energy: summary.energy,
          fidelity: accuracy?.total ?? null,
          task: accuracy?.task ?? null,
        }),
      ]
    : [];
  return figureRows(prefix, figures, run.state, run.error?.message ?? null, run.id);
}

/** A sweep's CSV: every configuration's and every run's figures. Pure. */
export function sweepReportCsv({ details, runs, compare }: SweepReportData): string {
  const sweepId = details.sweep.id;
  const byRun = new Map(
    compare.configurations.flatMap((item) => item.runIds.map((id) => [id, item.key] as const)),
  );
  return csvText([
    sweepCsvColumns,
    ...compare.configurations.flatMap((item) => configurationRows(sweepId, item)),
    ...runs.flatMap((run) => runRows(sweepId, run, (each) => byRun.get(each.id))),
  ]);
}

export const diffCsvColumns = [
  'key',
  'label',
  'phone',
  'presence',
  'metric',
  'unit',
  'a_n',
  'a_median',
  'a_ci_low',
  'a_ci_high',
  'b_n',
  'b_median',
  'b_ci_low',
  'b_ci_high',
  'relative_change',
  'verdict',
] as const;

/** A diff's CSV: one row per configuration × metric. Pure. */
export function diffReportCsv(diff: ReportDiff): string {
  const rows = diff.rows.flatMap((row) =>
    row.cells.map((cell) => [
      row.key,
      row.label,
      row.deviceKey ?? 'farm',
      row.presence,
      cell.metric,
      runMetrics[cell.metric].unit,
      cell.a?.n,
      cell.a?.median,
      cell.a?.ciLow,
      cell.a?.ciHigh,
      cell.b?.n,
      cell.b?.median,
      cell.b?.ciLow,
      cell.b?.ciHigh,
      cell.relativeChange,
      cell.verdict,
    ]),
  );
  return csvText([diffCsvColumns, ...rows]);
}
