import { mean, median, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Statistic } from './run-metrics';

/** How the bootstrap interval is drawn. */
export interface SummariseOptions {
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** PRNG seed: the same values give the same interval run after run (default 1). */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  confidence?: number;
}

/**
 * The statistic of one metric over repetitions: median, p90, mean, sample sd and a percentile
 * bootstrap interval of the median. Null for no values (nothing to summarise is not a zero); one
 * value has sd 0 and an interval of that value. Non-finite values are a caller's bug and throw.
 */
export function summarise(
  values: readonly number[],
  options: SummariseOptions = {},
): Statistic | null {
  if (values.length === 0) return null;
  if (values.some((value) => !Number.isFinite(value)))
    throw new Error('summarise: a value is not finite');
  const sorted = [...values].sort((a, b) => a - b);
  const [ciLow, ciHigh] = bootstrapMedianInterval(sorted, options);
  return {
    n: sorted.length,
    median: median(sorted),
    p90: quantileSorted(sorted, 0.9),
    mean: mean(sorted),
    sd: sorted.length < 2 ? 0 : sampleStandardDeviation(sorted),
    ciLow,
    ciHigh,
  };
}

/**
 * Percentile bootstrap of the median: resample with replacement, take the tails' quantiles. A
 * resample is drawn as how often each value was picked, and its median read by walking the
 * values in sorted order: the same draws and the same medians as sorting each resample, in
 * O(n) a resample instead of O(n log n) (2000 resamples of each metric end every run).
 */
export function bootstrapMedianInterval(
  values: readonly number[],
  { resamples = 2000, seed = 1, confidence = 0.95 }: SummariseOptions = {},
): [number, number] {
  if (values.length === 1) return [values[0]!, values[0]!];
  const random = mulberry32(seed);
  const n = values.length;
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const picked = new Uint32Array(n);
  const medians = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    picked.fill(0);
    for (let i = 0; i < n; i++) picked[Math.floor(random() * n)]!++;
    medians[r] = resampleMedian(values, order, picked);
  }
  const sortedMedians = Array.from(medians.sort());
  const tail = (1 - confidence) / 2;
  return [quantileSorted(sortedMedians, tail), quantileSorted(sortedMedians, 1 - tail)];
}

/** The median of the resample that picked `values[i]` `picked[i]` times (`order`: by value). */
function resampleMedian(values: readonly number[], order: number[], picked: Uint32Array): number {
  const n = order.length;
  // The 0-based ranks the median is made of: (n-1)/2 for odd n, n/2-1 and n/2 for even n.
  const high = Math.floor(n / 2);
  const low = n % 2 === 1 ? high : high - 1;
  let lowValue: number | undefined;
  for (let rank = 0, seen = 0; rank < n; rank++) {
    const index = order[rank]!;
    seen += picked[index]!;
    if (lowValue === undefined && seen > low) lowValue = values[index]!;
    if (seen > high) return low === high ? lowValue! : (lowValue! + values[index]!) / 2;
  }
  throw new Error('resampleMedian: fewer picks than values');
}

/**
 * A small seeded PRNG (mulberry32, public domain): Math.random cannot be seeded, and a summary
 * stored with a run must come out the same when it is recomputed.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
