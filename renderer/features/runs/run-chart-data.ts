import type { CpuFreqPoint } from '../../charts/run-cpu-freq-chart';
import type { DecodePoint } from '../../charts/run-decode-chart';
import type { MemoryPoint } from '../../charts/run-memory-chart';
import type { PrefillChunk } from '../../charts/run-prefill-timeline-chart';
import type { RunningMedianPoint, TtftPoint } from '../../charts/run-ttft-chart';
import { thermalSpans, type ThermalSpan, type ThermalStatus } from '../../charts/thermal-band';
import { downsampled } from './run-series-downsample';
import type { RunSeries, TimeSpan } from './run-series';

/** Every chart's props of one run, mapped from its (downsampled) series. */
export interface RunChartData {
  ttft: readonly TtftPoint[];
  median: readonly RunningMedianPoint[];
  chunks: readonly PrefillChunk[];
  memory: readonly MemoryPoint[];
  decode: readonly DecodePoint[];
  cpuFreq: readonly CpuFreqPoint[];
  thermal: readonly ThermalSpan[];
}

/** Prefill chunks handed to the timeline: its per-repetition totals only need recent ones. */
export const chunksShown = 10_000;

/** Whether `t` falls in one of the ordered, disjoint `spans` (binary search). */
export function inSpans(spans: readonly TimeSpan[], t: number): boolean {
  let [low, high] = [0, spans.length - 1];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const span = spans[middle]!;
    if (t < span.start) high = middle - 1;
    else if (t > span.end) low = middle + 1;
    else return true;
  }
  return false;
}

const cache = new WeakMap<RunSeries, RunChartData>();

/**
 * The charts' props of a series: the long timelines through LTTB (at most `maxPoints` each), the
 * per-repetition ones whole. Memoised per series object, so one frame maps each version once.
 */
export function runChartData(series: RunSeries, maxPoints = 1000): RunChartData {
  const hit = cache.get(series);
  if (hit) return hit;
  const long = downsampled(series, maxPoints);
  const spans = series.throttledSpans;
  const data: RunChartData = {
    ttft: series.ttft.map((point) => ({
      rep: point.rep,
      ttftMs: point.ms,
      warmup: point.warmup,
      throttled: point.throttled,
    })),
    median: series.ttft.flatMap((point) =>
      point.median === null || point.ciLow === null || point.ciHigh === null
        ? []
        : [
            {
              rep: point.rep,
              medianMs: point.median,
              ciLowMs: point.ciLow,
              ciHighMs: point.ciHigh,
            },
          ],
    ),
    chunks: series.chunks.slice(-chunksShown).map((chunk) => ({
      rep: chunk.rep,
      i: chunk.chunk,
      computeMs: chunk.computeMs,
      stateMs: chunk.stateMs,
      warmup: chunk.warmup,
    })),
    memory: long.memory.map((point) => ({
      t: point.t,
      rssBytes: point.rssKb * 1024,
      pssBytes: point.pssKb === null ? null : point.pssKb * 1024,
      throttled: inSpans(spans, point.t),
    })),
    decode: series.decode.map((point) => ({
      rep: point.rep,
      tokS: point.tokS,
      warmup: point.warmup,
    })),
    cpuFreq: long.cpuFreq.map((point) => ({
      t: point.t,
      cpuKhz: point.khz,
      throttled: inSpans(spans, point.t),
    })),
    thermal: thermalSpans(
      long.thermal.flatMap((point) =>
        point.status === null ? [] : [{ t: point.t, status: point.status as ThermalStatus }],
      ),
    ),
  };
  cache.set(series, data);
  return data;
}
