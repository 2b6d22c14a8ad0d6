import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Statistic } from '../../../shared/run-metrics';

/** z of a two-sided 95 % interval. */
const z95 = 1.959963984540054;

/**
 * The statistic of values pooled over several runs (null for none): median, p90, mean, sample sd,
 * and the distribution-free 95 % order-statistic interval of the median. Not `summarise`'s
 * bootstrap: that costs 2000 resamples × n per statistic, and 10 000 runs pooled into 2 500
 * configurations took 50 s farm-wide; this costs a sort. It covers at least 95 % at every n (at
 * small n it is the wider of the two), so a regression flagged because two such intervals
 * separate is, if anything, understated. A single run keeps its own bootstrap statistics.
 */
export function pooledStatistic(values: readonly number[]): Statistic | null {
  if (values.length === 0) return null;
  if (values.some((value) => !Number.isFinite(value)))
    throw new Error('pooledStatistic: a value is not finite');
  const sorted = Array.from(Float64Array.from(values).sort());
  const [ciLow, ciHigh] = medianOrderInterval(sorted);
  return {
    n: sorted.length,
    median: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    mean: mean(sorted),
    sd: sorted.length < 2 ? 0 : sampleStandardDeviation(sorted),
    ciLow,
    ciHigh,
  };
}

/**
 * The 95 % interval of the median from order statistics (Conover, Practical Nonparametric
 * Statistics, 3rd ed., §3.2, large-sample ranks): the sorted values of ranks (n − z√n)/2 and
 * 1 + (n + z√n)/2, rounded outwards and kept within 1…n — the binomial(n, ½) bounds on how many
 * values lie below the median.
 */
export function medianOrderInterval(sorted: readonly number[]): [number, number] {
  const n = sorted.length;
  const half = (z95 * Math.sqrt(n)) / 2;
  const low = Math.max(1, Math.floor(n / 2 - half));
  const high = Math.min(n, Math.ceil(1 + n / 2 + half));
  return [sorted[low - 1]!, sorted[high - 1]!];
}
