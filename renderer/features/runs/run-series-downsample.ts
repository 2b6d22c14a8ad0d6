import { createLTTB } from 'downsample';
import { thermalStatusSchema } from '../../../shared/device';
import type {
  ChunkPoint,
  CpuFreqPoint,
  MemoryPoint,
  PowerPoint,
  RunSeries,
  ThermalPoint,
} from './run-series';

/** Points a chart is handed per series by default: more than a chart is wide changes nothing. */
export const defaultMaxPoints = 1000;

/**
 * Reduces `points` (ordered by `x`) to at most `maxPoints` with LTTB (largest triangle three
 * buckets), which keeps the first and last point; the series' lowest and highest `y` are put back
 * when LTTB left them out, so a peak is never smoothed away. Short series come back as they are.
 */
export function downsampleLttb<P>(
  points: readonly P[],
  maxPoints: number,
  x: (point: P) => number,
  y: (point: P) => number,
): readonly P[] {
  if (points.length <= maxPoints || maxPoints < 3) return points;
  const [lowest, highest] = extremes(points, y);
  const lttb = createLTTB<P>({ x, y });
  const kept = lttb(points as P[], Math.max(3, maxPoints - 2)) as P[];
  const present = new Set(kept);
  for (const extreme of new Set([lowest, highest]))
    if (!present.has(extreme)) kept.splice(insertionPoint(kept, x(extreme), x), 0, extreme);
  return kept;
}

function extremes<P>(points: readonly P[], y: (point: P) => number): [P, P] {
  let lowest = points[0] as P;
  let highest = lowest;
  let low = y(lowest);
  let high = low;
  // y once per point: a CPU chart's is the fastest core's, a reduce per point.
  for (const point of points) {
    const value = y(point);
    if (value < low) {
      lowest = point;
      low = value;
    }
    if (value > high) {
      highest = point;
      high = value;
    }
  }
  return [lowest, highest];
}

function insertionPoint<P>(points: readonly P[], at: number, x: (point: P) => number): number {
  let [low, high] = [0, points.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (x(points[middle]!) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A memoised downsampler of one append-only series: the same array at the same length and the
 * same `maxPoints` answers the same reduced array, so an unchanged series is not recomputed
 * each frame (and its chart sees an identical prop).
 */
export function memoisedLttb<P>(
  x: (point: P) => number,
  y: (point: P) => number,
): (points: readonly P[], maxPoints: number) => readonly P[] {
  const cache = new WeakMap<
    readonly P[],
    { length: number; maxPoints: number; kept: readonly P[] }
  >();
  return (points, maxPoints) => {
    const hit = cache.get(points);
    if (hit && hit.length === points.length && hit.maxPoints === maxPoints) return hit.kept;
    // The arrays grow in place: a copy pins what this answer was computed on.
    const kept = downsampleLttb(points, maxPoints, x, y);
    const answer = kept === points ? points.slice() : kept;
    cache.set(points, { length: points.length, maxPoints, kept: answer });
    return answer;
  };
}

const cpuMaxKhz = (point: CpuFreqPoint): number =>
  point.khz.reduce<number>((max, khz) => Math.max(max, khz ?? 0), 0);
const thermalLevel = (point: ThermalPoint): number =>
  point.status === null ? -1 : thermalStatusSchema.options.indexOf(point.status);

/** The long series of a run, each reduced to at most `maxPoints` (memoised per series). */
export interface DownsampledSeries {
  chunks: readonly ChunkPoint[];
  memory: readonly MemoryPoint[];
  cpuFreq: readonly CpuFreqPoint[];
  power: readonly PowerPoint[];
  thermal: readonly ThermalPoint[];
}

const chunksOf = memoisedLttb<ChunkPoint>(
  (point) => point.t,
  (point) => point.computeMs,
);
const memoryOf = memoisedLttb<MemoryPoint>(
  (point) => point.t,
  (point) => point.rssKb,
);
const cpuFreqOf = memoisedLttb<CpuFreqPoint>((point) => point.t, cpuMaxKhz);
const powerOf = memoisedLttb<PowerPoint>(
  (point) => point.t,
  (point) => point.mw,
);
const thermalOf = memoisedLttb<ThermalPoint>((point) => point.t, thermalLevel);

/**
 * The series' long timelines as charts should get them: prefill chunks by compute time, memory
 * by RSS, CPU by its fastest core, power by mW, thermal by its status. The same series object and
 * `maxPoints` answer the same object. The per-repetition
 * series (TTFT, decode, held) stay whole: there is one point per repetition.
 */
export function downsampled(series: RunSeries, maxPoints = defaultMaxPoints): DownsampledSeries {
  const hit = lastAnswers.get(series);
  if (hit?.maxPoints === maxPoints) return hit.answer;
  const answer = {
    chunks: chunksOf(series.chunks, maxPoints),
    memory: memoryOf(series.memory, maxPoints),
    cpuFreq: cpuFreqOf(series.cpuFreq, maxPoints),
    power: powerOf(series.power, maxPoints),
    thermal: thermalOf(series.thermal, maxPoints),
  };
  lastAnswers.set(series, { maxPoints, answer });
  return answer;
}

const lastAnswers = new WeakMap<RunSeries, { maxPoints: number; answer: DownsampledSeries }>();
