import { mean, median, quantile } from 'simple-statistics';
import type { Configuration, PooledFigures, TestValues } from '../../../shared/compare';
import { runMetricNames, type RunMetric, type RunSummary } from '../../../shared/run-metrics';
import { pooledStatistic } from './compare-pooled-statistic';

/**
 * A configuration's figures pooled over its finished runs: each metric's statistic over every
 * run's counted values (`pooledStatistic`); one run keeps its own statistics, computed from the
 * same values when it finished. A run stored before values were kept counts by its median alone.
 */
export function poolRuns(summaries: readonly RunSummary[]): PooledFigures {
  return {
    stats: summaries.length === 1 ? singleRunStats(summaries[0]!) : pooledStats(summaries),
    prefillTimeline: prefillTimeline(summaries),
    memory: medianPeakRun(summaries)?.memory ?? null,
    energy: pooledEnergy(summaries),
    fidelity: pooledFidelity(summaries),
    task: pooledTask(summaries),
    thermal: {
      samples: sum(summaries, (summary) => summary.thermal.samples),
      throttledSamples: sum(summaries, (summary) => summary.thermal.throttledSamples),
      excludedRepetitions: sum(summaries, (summary) => summary.repetitions.excludedThrottled),
    },
  };
}

/** The values the side by side's significance tests take, evenly picked from every run's. */
export function poolTestValues(summaries: readonly RunSummary[]): TestValues {
  return {
    ttftValues: evenlyPicked(joined(summaries.map((summary) => summary.values?.ttftMs))),
    klValues: evenlyPicked(joined(summaries.map((summary) => summary.accuracy?.tokenKl))),
  };
}

const chunkMetrics = ['chunkComputeMs', 'chunkStateMs'] as const;

/**
 * One run's own statistics; a run stored before `chunkTimes` had its chunk metrics over every
 * chunk (too narrow a CI): those two are recomputed per repetition, as it would pool with others.
 */
function singleRunStats(summary: RunSummary): Configuration['stats'] {
  if (summary.chunkTimes || !summary.values) return summary.stats;
  const stats = { ...summary.stats };
  for (const metric of chunkMetrics) {
    const stat = pooledStatistic([...(valuesOf(summary, metric) ?? [])]);
    if (stat) stats[metric] = stat;
  }
  return stats;
}

function pooledStats(summaries: readonly RunSummary[]): Configuration['stats'] {
  const stats: Configuration['stats'] = {};
  for (const metric of runMetricNames) {
    const stat = pooledStatistic(pooledValues(summaries, metric));
    if (stat) stats[metric] = stat;
  }
  return stats;
}

/** Every counted value of the metric, or a run's median where its values were not kept. */
function pooledValues(summaries: readonly RunSummary[], metric: RunMetric): number[] {
  return joined(
    summaries.map((summary) => {
      const median = summary.stats[metric]?.median;
      return valuesOf(summary, metric) ?? (median === undefined ? undefined : [median]);
    }),
  );
}

/**
 * A run's counted values of the metric, one per repetition. A run stored before `chunkTimes`
 * kept every chunk under the chunk metrics: those become each repetition's median chunk, as a
 * run keeps them now, so its chunks do not count as independent repetitions.
 */
function valuesOf(summary: RunSummary, metric: RunMetric): readonly number[] | undefined {
  const values = summary.values?.[metric];
  const everyChunk = (chunkMetrics as readonly RunMetric[]).includes(metric);
  if (!everyChunk || values === undefined || summary.chunkTimes || summary.chunks === 0)
    return values;
  return Array.from({ length: Math.ceil(values.length / summary.chunks) }, (_, rep) =>
    median(values.slice(rep * summary.chunks, (rep + 1) * summary.chunks)),
  );
}

/** A run's every chunk time: its `chunkTimes`, else (stored before them) its chunk metrics'. */
function keptChunkTimes(summary: RunSummary): NonNullable<RunSummary['chunkTimes']> {
  return (
    summary.chunkTimes ?? {
      computeMs: summary.values?.chunkComputeMs ?? [],
      stateMs: summary.values?.chunkStateMs ?? [],
    }
  );
}

/** The lists one after the other (a loop: `flatMap` over thousands of runs' values is slower). */
function joined(lists: readonly (readonly number[] | undefined)[]): number[] {
  const all: number[] = [];
  for (const list of lists) if (list !== undefined) for (const value of list) all.push(value);
  return all;
}

/** Chunk by chunk, the median compute and state time over every counted repetition of every run. */
function prefillTimeline(summaries: readonly RunSummary[]): Configuration['prefillTimeline'] {
  const compute: number[][] = [];
  const state: number[][] = [];
  for (const summary of summaries) {
    const { computeMs: computes, stateMs: states } = keptChunkTimes(summary);
    if (summary.chunks === 0) continue;
    computes.forEach((ms, k) => (compute[k % summary.chunks] ??= []).push(ms));
    states.forEach((ms, k) => (state[k % summary.chunks] ??= []).push(ms));
  }
  return compute.map((values, i) => ({
    i,
    computeMs: median(values),
    stateMs: state[i] === undefined ? 0 : median(state[i]),
  }));
}

/** The run whose median peak is the median of the runs' (the lower middle of an even count). */
function medianPeakRun(summaries: readonly RunSummary[]): RunSummary | null {
  const withPeak = summaries.filter((summary) => summary.stats.peakRssBytes !== undefined);
  const sorted = [...(withPeak.length > 0 ? withPeak : summaries)].sort(
    (a, b) => (a.stats.peakRssBytes?.median ?? 0) - (b.stats.peakRssBytes?.median ?? 0),
  );
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}

/** The runs' energy per token averaged, their samples added; charging when any run was. */
function pooledEnergy(summaries: readonly RunSummary[]): Configuration['energy'] {
  const energies = summaries.flatMap((summary) => summary.energy ?? []);
  if (energies.length === 0) return null;
  const meanOf = (values: (number | null)[]) => {
    const known = values.filter((value) => value !== null);
    return known.length === 0 ? null : mean(known);
  };
  return {
    prefillUahPerToken: mean(energies.map((energy) => energy.prefillUahPerToken)),
    decodeUahPerToken: meanOf(energies.map((energy) => energy.decodeUahPerToken)),
    prefillMjPerToken: mean(energies.map((energy) => energy.prefillMjPerToken)),
    decodeMjPerToken: meanOf(energies.map((energy) => energy.decodeMjPerToken)),
    samples: sum(energies, (energy) => energy.samples),
    charging: energies.some((energy) => energy.charging),
  };
}

/**
 * The phone's fidelity token-weighted over the runs; the KL p95 over every run's per-token KL
 * when each kept it, else the token-weighted mean of the runs' p95s.
 */
function pooledFidelity(summaries: readonly RunSummary[]): Configuration['fidelity'] {
  const accuracies = summaries.flatMap((summary) => summary.accuracy ?? []);
  const totals = accuracies.map((accuracy) => accuracy.total).filter((total) => total.tokens > 0);
  const tokens = sum(totals, (total) => total.tokens);
  if (tokens === 0) return null;
  const weighted = (field: 'cosineMean' | 'top1Agreement' | 'klMean' | 'klP95') =>
    sum(totals, (total) => total[field] * total.tokens) / tokens;
  const kls = joined(accuracies.map((accuracy) => accuracy.tokenKl));
  const everyKl = accuracies.every((accuracy) => accuracy.tokenKl !== undefined);
  return {
    tokens,
    cosineMean: weighted('cosineMean'),
    top1Agreement: weighted('top1Agreement'),
    klMean: weighted('klMean'),
    klP95: everyKl && kls.length > 0 ? quantile(kls, 0.95) : weighted('klP95'),
  };
}

/** Task scores weighted by the answers each run scored. */
function pooledTask(summaries: readonly RunSummary[]): Configuration['task'] {
  const tasks = summaries.flatMap((summary) => summary.accuracy?.task ?? []);
  const answered = sum(tasks, (task) => task.answered);
  if (answered === 0) return null;
  const weighted = (field: 'exactMatch' | 'f1' | 'rougeL') =>
    sum(tasks, (task) => task[field] * task.answered) / answered;
  return { exactMatch: weighted('exactMatch'), f1: weighted('f1'), rougeL: weighted('rougeL') };
}

/**
 * At most `testValueLimit` values, evenly picked in order: what a configuration sends for its
 * significance tests. A U test on 1 000 values has all the power the page's sentence needs,
 * and 10 000 configurations of 4 096 KLs each would be a result of hundreds of megabytes.
 */
export function evenlyPicked(values: readonly number[], limit = testValueLimit): number[] {
  if (values.length <= limit) return [...values];
  return Array.from({ length: limit }, (_, k) => values[Math.floor((k * values.length) / limit)]!);
}

/** The most values a configuration keeps for each significance test. */
export const testValueLimit = 1000;

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
