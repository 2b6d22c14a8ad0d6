import { thermalStatusSchema } from '../../../shared/device';
import type { CpuFreqPoint } from '../../charts/run-cpu-freq-chart';
import type { DecodePoint } from '../../charts/run-decode-chart';
import type { MemoryPoint } from '../../charts/run-memory-chart';
import type { PrefillChunk } from '../../charts/run-prefill-timeline-chart';
import type { RunningMedianPoint, TtftPoint } from '../../charts/run-ttft-chart';
import { thermalSpans, type ThermalSpan, type ThermalStatus } from '../../charts/thermal-band';
import { blockDownsampler } from './run-chart-downsample';
import type { RunSeries, TimeSpan } from './run-series';

/**
 * Every chart's props of one run, mapped from its (downsampled) series, part by part (`ttftData`,
 * `memoryData`, …): the long timelines through a block-cached LTTB (at most `maxPoints` each; a
 * whole-series LTTB would cost O(series) every frame), the per-repetition ones whole. Each part
 * keeps its identity while its source is unchanged, so only the charts whose data moved are
 * redrawn, and a card's redraw does not downsample the other cards' series.
 */
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

/**
 * `map` of one append-only series array, answered again (the same object) while the array has
 * neither grown nor had its last point replaced (decode's repetition so far is) and `key` is the
 * same: a chart whose data did not change keeps identical props and is not redrawn.
 */
function mappedOnce<S, T>(map: (source: readonly S[], series: RunSeries, maxPoints: number) => T) {
  const answers = new WeakMap<readonly S[], { key: string; last: S | undefined; mapped: T }>();
  return (source: readonly S[], series: RunSeries, maxPoints: number, extra = ''): T => {
    const hit = answers.get(source);
    const last = source[source.length - 1];
    const key = `${source.length}|${maxPoints}|${extra}`;
    if (hit?.key === key && hit.last === last) return hit.mapped;
    const mapped = map(source, series, maxPoints);
    answers.set(source, { key, last, mapped });
    return mapped;
  };
}

const memoryLttb = blockDownsampler<RunSeries['memory'][number]>(
  (point) => point.t,
  (point) => point.rssKb,
);
const cpuLttb = blockDownsampler<RunSeries['cpuFreq'][number]>(
  (point) => point.t,
  (point) => point.khz.reduce<number>((max, khz) => Math.max(max, khz ?? 0), 0),
);
const thermalLttb = blockDownsampler<RunSeries['thermal'][number]>(
  (point) => point.t,
  (point) => (point.status === null ? -1 : thermalStatusSchema.options.indexOf(point.status)),
);

const ttftOf = mappedOnce((ttft: RunSeries['ttft']) => ({
  points: ttft.map((point) => ({
    rep: point.rep,
    ttftMs: point.ms,
    warmup: point.warmup,
    throttled: point.throttled,
  })),
  median: ttft.flatMap((point) =>
    point.median === null || point.ciLow === null || point.ciHigh === null
      ? []
      : [{ rep: point.rep, medianMs: point.median, ciLowMs: point.ciLow, ciHighMs: point.ciHigh }],
  ),
}));

const chunksOf = mappedOnce((chunks: RunSeries['chunks']) =>
  chunks.slice(-chunksShown).map((chunk) => ({
    rep: chunk.rep,
    i: chunk.chunk,
    computeMs: chunk.computeMs,
    stateMs: chunk.stateMs,
    warmup: chunk.warmup,
  })),
);

const decodeOf = mappedOnce((decode: RunSeries['decode']) =>
  decode.map((point) => ({ rep: point.rep, tokS: point.tokS, warmup: point.warmup })),
);

const memoryOf = mappedOnce((memory: RunSeries['memory'], series, maxPoints) =>
  memoryLttb(memory, maxPoints).map((point) => ({
    t: point.t,
    rssBytes: point.rssKb * 1024,
    pssBytes: point.pssKb === null ? null : point.pssKb * 1024,
    throttled: inSpans(series.throttledSpans, point.t),
  })),
);

const cpuOf = mappedOnce((cpu: RunSeries['cpuFreq'], series, maxPoints) =>
  cpuLttb(cpu, maxPoints).map((point) => ({
    t: point.t,
    cpuKhz: point.khz,
    throttled: inSpans(series.throttledSpans, point.t),
  })),
);

const thermalOf = mappedOnce((thermal: RunSeries['thermal'], _series, maxPoints) =>
  thermalSpans(
    thermalLttb(thermal, maxPoints).flatMap((point) =>
      point.status === null ? [] : [{ t: point.t, status: point.status as ThermalStatus }],
    ),
  ),
);

/** Whether the throttled spans changed (the timelines mark throttled points by them). */
function spansKeyOf(series: RunSeries): string {
  const spans = series.throttledSpans;
  return `${spans.length}:${spans[spans.length - 1]?.end ?? ''}`;
}

/**
 * `part` of a series, answered again for the same series object: the arrays of a series grow in
 * place, so an older series (a paced card's) must not be mapped again from what they hold now.
 */
function perSeries<T>(part: (series: RunSeries, maxPoints: number) => T) {
  const answers = new WeakMap<RunSeries, { maxPoints: number; value: T }>();
  return (series: RunSeries, maxPoints = 500): T => {
    const hit = answers.get(series);
    if (hit?.maxPoints === maxPoints) return hit.value;
    const value = part(series, maxPoints);
    answers.set(series, { maxPoints, value });
    return value;
  };
}

/** The TTFT chart's props: every repetition and the running median with its CI. */
export const ttftData = perSeries((series): Pick<RunChartData, 'ttft' | 'median'> => {
  const { points, median } = ttftOf(series.ttft, series, 0);
  return { ttft: points, median };
});

/** The prefill timeline's props: the recent chunks. */
export const prefillData = perSeries((series): RunChartData['chunks'] =>
  chunksOf(series.chunks, series, 0),
);

/** The decode chart's props: tokens/s per repetition. */
export const decodeData = perSeries((series): RunChartData['decode'] =>
  decodeOf(series.decode, series, 0),
);

/** The memory timeline's props (at most `maxPoints`) and the thermal band behind it. */
export const memoryData = perSeries((series, maxPoints) => ({
  memory: memoryOf(series.memory, series, maxPoints, spansKeyOf(series)),
  thermal: thermalOf(series.thermal, series, maxPoints),
}));

/** The CPU frequency timeline's props (at most `maxPoints`) and the thermal band behind it. */
export const cpuData = perSeries((series, maxPoints) => ({
  cpuFreq: cpuOf(series.cpuFreq, series, maxPoints, spansKeyOf(series)),
  thermal: thermalOf(series.thermal, series, maxPoints),
}));
