import { describe, expect, it } from 'vitest';
import { median, quantileSorted } from 'simple-statistics';
import { statisticSchema } from '../../../../shared/run-metrics';
import { bootstrapMedianInterval, mulberry32, summarise } from './statistics';

describe('summarise', () => {
  it('gives the order statistics, mean and sample sd of values worked out by hand', () => {
    const stat = summarise([4, 1, 3, 2, 5])!;
    expect(stat.n).toBe(5);
    expect(stat.median).toBe(3);
    expect(stat.mean).toBe(3);
    // Sample variance of 1..5: (4+1+0+1+4)/4 = 2.5.
    expect(stat.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    // simple-statistics 7.12 interpolates (R type 7): index (5−1)·0.9 = 3.6 → 4 + 0.6·(5 − 4).
    expect(stat.p90).toBeCloseTo(4.6, 12);
    expect(statisticSchema.parse(stat)).toEqual(stat);
  });

  it('gives sd 0 and a point interval for one value', () => {
    expect(summarise([7.5])).toEqual({
      n: 1,
      median: 7.5,
      p90: 7.5,
      mean: 7.5,
      sd: 0,
      ciLow: 7.5,
      ciHigh: 7.5,
    });
  });

  it('answers null for no values and throws on a non-finite one', () => {
    expect(summarise([])).toBeNull();
    expect(() => summarise([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => summarise([Number.NaN])).toThrow(/finite/);
  });

  it('has an interval that contains the median and lies within the values', () => {
    const random = mulberry32(42);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 2 + trial }, () => 10 + random() * 90);
      const stat = summarise(values, { resamples: 500 })!;
      expect(stat.ciLow).toBeLessThanOrEqual(stat.median);
      expect(stat.ciHigh).toBeGreaterThanOrEqual(stat.median);
      expect(stat.ciLow).toBeGreaterThanOrEqual(Math.min(...values));
      expect(stat.ciHigh).toBeLessThanOrEqual(Math.max(...values));
    }
  });

  it('scales with its inputs: k·x gives k times every figure', () => {
    const values = [12, 15, 11, 19, 14, 13, 30];
    const base = summarise(values)!;
    const scaled = summarise(values.map((value) => value * 3))!;
    for (const key of ['median', 'p90', 'mean', 'sd', 'ciLow', 'ciHigh'] as const)
      expect(scaled[key]).toBeCloseTo(base[key] * 3, 9);
  });

  it('is reproducible for a seed and changes with it', () => {
    const values = [5.1, 9.7, 2.3, 8.9, 7.2, 1.4, 6.6, 3.8, 4.05];
    expect(summarise(values)).toEqual(summarise(values));
    // Few resamples, so the tails' quantiles depend on the draws.
    const seeds = new Set(
      [1, 2, 3, 4, 5].map((seed) => bootstrapMedianInterval(values, { seed, resamples: 9 }).join()),
    );
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('draws the same medians as sorting every resample, for odd, even, tied and unsorted values', () => {
    const sortingEach = (values: number[], resamples: number) => {
      const random = mulberry32(1);
      const medians = Array.from({ length: resamples }, () =>
        median(values.map(() => values[Math.floor(random() * values.length)]!)),
      ).sort((a, b) => a - b);
      return [quantileSorted(medians, 0.025), quantileSorted(medians, 0.975)];
    };
    const random = mulberry32(3);
    for (const values of [
      [3, 1, 2],
      [4, 1, 3, 2],
      [5, 5, 1, 5, 2, 2],
      Array.from({ length: 51 }, () => Math.round(random() * 20)),
      Array.from({ length: 200 }, () => random() * 100 - 50),
    ]) {
      expect(bootstrapMedianInterval(values, { resamples: 300 })).toEqual(sortingEach(values, 300));
    }
  });

  it('narrows its interval as the sample grows', () => {
    const random = mulberry32(7);
    const draw = (n: number) => Array.from({ length: n }, () => random() * 100);
    const width = (values: number[]) => {
      const [low, high] = bootstrapMedianInterval(values);
      return high - low;
    };
    expect(width(draw(400))).toBeLessThan(width(draw(8)));
  });
});
