import type { z } from 'zod';
import type { thermalStatusSchema } from '../../../shared/device';
import type { RunSample } from '../../../shared/run';
import { appendBounded } from '../../stores/bounded-buffer';
import { foldDevice, foldRunner, recountTtft, type SeriesDraft } from './run-series-fold';

/** One repetition's time to first token, with the running statistic of the counted ones so far. */
export interface TtftPoint {
  rep: number;
  warmup: boolean;
  ms: number;
  /** A throttled outside sample came in during the repetition, before its first token. */
  throttled: boolean;
  /** Whether it counts (measured, and not throttled unless the run counts those). */
  counted: boolean;
  /** Counted repetitions so far (this one included when it counts). */
  n: number;
  /** Median and 95 % bootstrap interval of the counted TTFTs so far (null before the first). */
  median: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /**
   * Counted repetitions the interval was drawn over: `n` for the first 32, then the interval
   * is drawn again each time `n` grows by a tenth (a bootstrap is costly); 0 before any.
   */
  ciN: number;
}

/** One prefill chunk as the runner timed it; `t` is its arrival on the host clock. */
export interface ChunkPoint {
  t: number;
  rep: number;
  warmup: boolean;
  chunk: number;
  tokens: number;
  computeMs: number;
  stateMs: number;
}

/** A memory reading of the runner: outside (`device`, with PSS) or its own `mem` line. */
export interface MemoryPoint {
  t: number;
  rssKb: number;
  hwmKb: number;
  pssKb: number | null;
  source: 'device' | 'runner';
}

/** The largest resident set seen, and the largest high-water mark. */
export interface MemoryPeak {
  rssKb: number;
  t: number;
  hwmKb: number;
}

/** Decode throughput of one repetition so far: steps, their summed time, tokens per second. */
export interface DecodePoint {
  rep: number;
  warmup: boolean;
  tokens: number;
  ms: number;
  tokS: number;
}

/** Each CPU's current frequency (kHz; null where unreadable) at one outside sample. */
export interface CpuFreqPoint {
  t: number;
  khz: readonly (number | null)[];
}

/** A battery reading, its power and the energy and charge drawn since the first reading. */
export interface PowerPoint {
  t: number;
  currentUa: number;
  voltageUv: number;
  mw: number;
  /** Trapezoid integral of power (mJ) and of current (µAh) from the first reading to this one. */
  energyMj: number;
  chargeUah: number;
}

/** The thermal status at one outside sample (null where unread) and its throttled flag. */
export interface ThermalPoint {
  t: number;
  status: z.infer<typeof thermalStatusSchema> | null;
  throttled: boolean;
}

/** From the first throttled sample of a stretch to the next sample that is not (or the last). */
export interface TimeSpan {
  start: number;
  end: number;
}

/** A repetition that waited for the thermal gate (the runner's `held` line). */
export interface HeldPoint {
  t: number;
  rep: number;
  warmup: boolean;
  ms: number;
}

/** A log line of the run. */
export interface LogLine {
  i: number;
  t: number;
  source: 'stderr' | 'logcat' | 'studio' | 'malformed';
  line: string;
}

/** What the fold carries from one batch to the next (not for charts). */
export interface SeriesFold {
  readonly includeThrottled: boolean;
  readonly logsKept: number;
  /** `warmup:rep` of the repetition under way, and whether it saw a throttled sample. */
  repKey: string | null;
  repThrottled: boolean;
  countedTtft: number[];
  openSpan: TimeSpan | null;
}

/**
 * Everything the run's charts draw, chart-ready, derived from its samples in index order.
 * The arrays are append-only and shared with earlier versions of the same series (an append
 * is O(batch), not O(run)): readers compare `version` (or the object) to see a change, never
 * an array's identity. Logs are bounded; the rest is kept whole (charts downsample it).
 */
export interface RunSeries {
  readonly runId: string;
  readonly version: number;
  /** Index of the last sample folded in (-1 before any) and samples folded in. */
  readonly lastIndex: number;
  readonly sampleCount: number;
  readonly ttft: readonly TtftPoint[];
  readonly chunks: readonly ChunkPoint[];
  readonly memory: readonly MemoryPoint[];
  readonly memoryPeak: MemoryPeak | null;
  readonly decode: readonly DecodePoint[];
  readonly cpuFreq: readonly CpuFreqPoint[];
  readonly power: readonly PowerPoint[];
  readonly thermal: readonly ThermalPoint[];
  readonly throttledSpans: readonly TimeSpan[];
  readonly held: readonly HeldPoint[];
  readonly logs: readonly LogLine[];
  /** Log lines that fell out of the bounded `logs`. */
  readonly logsDropped: number;
  readonly fold: SeriesFold;
}

/** How a series is derived. */
export interface SeriesOptions {
  /** Count throttled repetitions in the running TTFT statistic (as the run request says). */
  includeThrottled?: boolean;
  /** Log lines kept (default 1000). */
  logsKept?: number;
}

/** The series of a run with no samples yet. */
export function emptySeries(runId: string, options: SeriesOptions = {}): RunSeries {
  return {
    runId,
    version: 0,
    lastIndex: -1,
    sampleCount: 0,
    ttft: [],
    chunks: [],
    memory: [],
    memoryPeak: null,
    decode: [],
    cpuFreq: [],
    power: [],
    thermal: [],
    throttledSpans: [],
    held: [],
    logs: [],
    logsDropped: 0,
    fold: {
      includeThrottled: options.includeThrottled ?? false,
      logsKept: options.logsKept ?? 1000,
      repKey: null,
      repThrottled: false,
      countedTtft: [],
      openSpan: null,
    },
  };
}

/**
 * The series with `samples` folded in: a new object in O(samples) (the arrays grow in place, so
 * the series passed in must be the latest one). Samples must come in index order after
 * `lastIndex`; older indexes are skipped (a duplicate of one already folded in).
 */
export function appendToSeries(series: RunSeries, samples: readonly RunSample[]): RunSeries {
  const next: SeriesDraft = { ...series };
  const logs: LogLine[] = [];
  let lastIndex = series.lastIndex;
  let folded = 0;
  for (const sample of samples) {
    if (sample.i <= lastIndex) continue;
    lastIndex = sample.i;
    folded++;
    if (sample.kind === 'runner') foldRunner(next, sample.t, sample.event);
    else if (sample.kind === 'device') foldDevice(next, sample);
    else logs.push({ i: sample.i, t: sample.t, source: sample.source, line: sample.line });
  }
  if (folded === 0) return series;
  const kept = appendBounded(series.logs, logs, series.fold.logsKept);
  return {
    ...next,
    version: series.version + 1,
    lastIndex,
    sampleCount: series.sampleCount + folded,
    logs: kept,
    logsDropped: series.logsDropped + series.logs.length + logs.length - kept.length,
  };
}

/** The series of `samples` derived in one go (a finished run, or a check of the incremental one). */
export function deriveSeries(
  runId: string,
  samples: readonly RunSample[],
  options: SeriesOptions = {},
): RunSeries {
  return appendToSeries(emptySeries(runId, options), samples);
}

/**
 * The series under the run's own rule for throttled repetitions: a window that met a run live
 * folded it under the default rule before it could read the run's request. Only the TTFT
 * statistic depends on the rule, so only it is counted again.
 */
export function withCountingRule(series: RunSeries, includeThrottled: boolean): RunSeries {
  if (series.fold.includeThrottled === includeThrottled) return series;
  const draft: SeriesDraft = { ...series };
  recountTtft(draft, includeThrottled);
  return { ...draft, version: series.version + 1 };
}
