import { median } from 'simple-statistics';
import type { RunSample } from '../../../../shared/run';
import type { RunAccuracy, RunMetric, RunSummary, Statistic } from '../../../../shared/run-metrics';
import { energyOf } from './energy';
import { memoryBreakdown, type MemoryContext } from './memory-breakdown';
import { splitRepetitions, type Repetition, type RepetitionSplit } from './repetitions';
import {
  loadMs,
  malformedLines,
  pssPeakBytes,
  residentPeakIn,
  thermalSummary,
} from './sample-counts';
import { summarise, type SummariseOptions } from './statistics';

/** What the session knows about a run beyond its samples. */
export interface RunSummaryContext extends MemoryContext {
  /** Tokens of the timed prompt (prefill tokens of one repetition). */
  promptTokens: number;
  includeThrottled: boolean;
  /** Warm-up repetitions the run asked for: reported when the runner does not mark its own. */
  warmup: number;
  /** Computed elsewhere (the phone's logits against the reference). */
  accuracy: RunAccuracy | null;
  statistics?: SummariseOptions;
}

/**
 * Everything a finished (or stopped) run is summarised by, from what it recorded. Statistics are
 * over the counted repetitions (measured, finished, not throttled unless asked); a metric with no
 * value is absent rather than zero. Pure: the same samples give the same summary.
 */
export function summariseRun(
  samples: readonly RunSample[],
  context: RunSummaryContext,
): RunSummary {
  const split = splitRepetitions(samples, context.includeThrottled);
  const { cold, warm } = coldAndWarm(split);
  const shape = split.counted[0] ?? split.measured[0];
  const values = countedValues(metricValues(samples, split.counted, context.promptTokens));
  return {
    repetitions: {
      measured: split.counted.length + split.excludedThrottled,
      warmup: split.warmup.length > 0 ? split.warmup.length : context.warmup,
      excludedThrottled: split.excludedThrottled,
    },
    stats: statistics(values, context.statistics),
    values,
    chunkTimes: chunkTimesOf(split.counted),
    coldTtftMs: cold,
    warmTtftMs: warm,
    loadMs: loadMs(samples),
    promptTokens: context.promptTokens,
    chunks: shape?.chunks.length ?? 0,
    decodeTokens: shape?.decodeMs.length ?? 0,
    memory: memoryBreakdown(samples, context),
    pssPeakBytes: pssPeakBytes(samples),
    accuracy: context.accuracy,
    energy: energyOf(samples, split.counted, context.promptTokens),
    thermal: thermalSummary(samples, context.includeThrottled),
    malformedLines: malformedLines(samples),
  };
}

/**
 * Each metric's values over the counted repetitions, one per repetition: the chunk metrics are
 * each repetition's median chunk time, since a repetition's chunks are not independent draws and
 * a bootstrap over all of them would give an interval too narrow.
 */
export function metricValues(
  samples: readonly RunSample[],
  counted: readonly Repetition[],
  promptTokens: number,
): Record<RunMetric, number[]> {
  const ttfts = counted.map((rep) => rep.ttftMs!);
  const chunked = counted.filter((rep) => rep.chunks.length > 0);
  const decodeTokS = counted.flatMap((rep) => {
    const ms = rep.decodeMs.reduce((sum, step) => sum + step, 0);
    return ms > 0 ? [(rep.decodeMs.length * 1000) / ms] : [];
  });
  return {
    ttftMs: ttfts,
    // A TTFT of 0 (a timer too coarse) has no rate: it is left out, not made infinite.
    prefillTokS: ttfts.filter((ms) => ms > 0).map((ms) => (promptTokens * 1000) / ms),
    decodeTokS,
    chunkComputeMs: chunked.map((rep) => median(rep.chunks.map((chunk) => chunk.computeMs))),
    chunkStateMs: chunked.map((rep) => median(rep.chunks.map((chunk) => chunk.stateMs))),
    peakRssBytes: counted.flatMap((rep) => residentPeakIn(samples, rep.startMs, rep.endMs!) ?? []),
  };
}

/** Every chunk's times of the counted repetitions, repetition by repetition (`chunkTimes`). */
export function chunkTimesOf(counted: readonly Repetition[]): RunSummary['chunkTimes'] {
  const chunks = counted.flatMap((rep) => rep.chunks);
  return {
    computeMs: chunks.map((chunk) => chunk.computeMs),
    stateMs: chunks.map((chunk) => chunk.stateMs),
  };
}

/** The metrics that have values, with them. */
function countedValues(values: Record<RunMetric, number[]>): Partial<Record<RunMetric, number[]>> {
  return Object.fromEntries(Object.entries(values).filter(([, list]) => list.length > 0));
}

function statistics(
  values: Partial<Record<RunMetric, number[]>>,
  options: SummariseOptions | undefined,
): RunSummary['stats'] {
  const stats: Partial<Record<RunMetric, Statistic>> = {};
  for (const [metric, list] of Object.entries(values) as [RunMetric, number[]][]) {
    const stat = summarise(list, options);
    if (stat) stats[metric] = stat;
  }
  return stats;
}

/**
 * Cold is the first repetition the process ran (its first warm-up when the runner marks them,
 * else its first measured one, throttled or not); warm is the median TTFT of the counted
 * repetitions after it.
 */
function coldAndWarm(split: RepetitionSplit): { cold: number | null; warm: number | null } {
  const first = split.warmup[0] ?? split.measured[0];
  const cold = first?.ttftMs ?? null;
  const rest = split.counted.filter((rep) => rep !== first).map((rep) => rep.ttftMs!);
  return { cold, warm: rest.length > 0 ? median(rest) : null };
}
