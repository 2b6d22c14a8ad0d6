import type { Configuration, DiffCell, ReportDiff, ReportDiffArgs } from './compare';
import { runMetricNames, runMetrics, type RunMetric, type Statistic } from './run-metrics';

/** One sweep's side of a diff: its id and its configurations (of the diff's scope). */
export interface DiffSide {
  sweepId: string;
  configurations: readonly Pick<
    Configuration,
    'key' | 'configKey' | 'label' | 'deviceKey' | 'stats'
  >[];
}

type DiffConfig = DiffSide['configurations'][number];

/**
 * Sweep B against sweep A configuration by configuration: matched on `configKey` farm-wide, on
 * the phone too per phone (`key`). A metric is a regression or an improvement only when the two
 * 95 % intervals of its median do not overlap, in the metric's direction (`lowerIsBetter`);
 * overlapping intervals are `unchanged` whatever the medians say. Rows in A's order, then B's new.
 */
export function diffConfigurations(
  a: DiffSide,
  b: DiffSide,
  scope: ReportDiffArgs['scope'],
): ReportDiff {
  const keyOf = (config: DiffConfig) => (scope === 'farm' ? config.configKey : config.key);
  const inA = new Map(a.configurations.map((config) => [keyOf(config), config]));
  const inB = new Map(b.configurations.map((config) => [keyOf(config), config]));
  const keys = [...new Set([...inA.keys(), ...inB.keys()])];
  const rows = keys.map((key) => {
    const before = inA.get(key);
    const after = inB.get(key);
    const either = (before ?? after)!;
    const presence = before && after ? 'both' : before ? 'only-a' : 'only-b';
    const cells = diffCells(before?.stats ?? {}, after?.stats ?? {});
    return { key, label: either.label, deviceKey: either.deviceKey, presence, cells } as const;
  });
  const verdicts = rows.flatMap((row) => row.cells.map((cell) => cell.verdict));
  return {
    a: a.sweepId,
    b: b.sweepId,
    rows,
    regressions: verdicts.filter((verdict) => verdict === 'regression').length,
    improvements: verdicts.filter((verdict) => verdict === 'improvement').length,
  };
}

type Stats = DiffConfig['stats'];

/** A cell for every metric either side has, in `runMetricNames` order. */
function diffCells(a: Stats, b: Stats): DiffCell[] {
  return runMetricNames
    .filter((metric) => a[metric] !== undefined || b[metric] !== undefined)
    .map((metric) => diffCell(metric, a[metric] ?? null, b[metric] ?? null));
}

/** One metric of one configuration in both sweeps, judged by its intervals. */
export function diffCell(metric: RunMetric, a: Statistic | null, b: Statistic | null): DiffCell {
  if (a === null || b === null) return { metric, a, b, relativeChange: null, verdict: 'missing' };
  const relativeChange = a.median === 0 ? null : (b.median - a.median) / a.median;
  const separate = b.ciLow > a.ciHigh || b.ciHigh < a.ciLow;
  if (!separate) return { metric, a, b, relativeChange, verdict: 'unchanged' };
  const lower = b.ciHigh < a.ciLow;
  const better = runMetrics[metric].lowerIsBetter ? lower : !lower;
  return { metric, a, b, relativeChange, verdict: better ? 'improvement' : 'regression' };
}
