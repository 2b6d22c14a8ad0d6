import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Statistic } from '../../../shared/run-metrics';
import { summarise } from '../../../shared/run-statistics';

/**
 * Up to this many pooled values the interval is `summarise`'s bootstrap, as a run's own; beyond,
 * the distribution-free order-statistic interval of the median. The bootstrap costs resamples × n
 * per statistic (2000 × 10 000 chunk values of a configuration pooled over many runs is seconds);
 * at such n the two intervals agree, both estimating the median's sampling spread.
 */
export const bootstrapLimit = 400;

/** z of a two-sided 95 % interval. */
const z95 = 1.959963984540054;

/** The statistic of pooled values (null for none), as `summarise` gives it for few values. */
export function pooledStatistic(values: readonly number[]): Statistic | null {
  if (values.length <= bootstrapLimit) return summarise(values);
  if (values.some((value) => !Number.isFinite(value)))
    throw new Error('pooledStatistic: a value is not finite');
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const [ciLow, ciHigh] = medianOrderInterval(list);
  return {
    n: list.length,
    median: quantileSorted(list, 0.5),
    p90: quantileSorted(list, 0.9),
    mean: mean(list),
    sd: sampleStandardDeviation(list),
    ciLow,
    ciHigh,
  };
}

/**
 * The 95 % interval of the median from order statistics (Conover, Practical Nonparametric
 * Statistics, §3.2): the values of ranks (n − z√n)/2 and 1 + (n + z√n)/2, rounded outwards, of
 * the sorted values — the binomial(n, ½) bounds of how many values lie below the median.
 */
export function medianOrderInterval(sorted: readonly number[]): [number, number] {
  const n = sorted.length;
  const half = (z95 * Math.sqrt(n)) / 2;
  const low = Math.max(1, Math.floor(n / 2 - half));
  const high = Math.min(n, Math.ceil(1 + n / 2 + half));
  return [sorted[low - 1]!, sorted[high - 1]!];
}
