import { describe, expect, it } from 'vitest';
import { medianOrderInterval, pooledStatistic } from './compare-pooled-statistic';

const ranks = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

describe('medianOrderInterval', () => {
  it("gives Conover's ranks: 40 and 61 of 100, 1 and 10 of 10, the only value of 1", () => {
    expect(medianOrderInterval(ranks(100))).toEqual([40, 61]);
    expect(medianOrderInterval(ranks(10))).toEqual([1, 10]);
    expect(medianOrderInterval([7])).toEqual([7, 7]);
  });
});

describe('pooledStatistic', () => {
  it('gives the order statistics, mean and sample sd of values worked out by hand', () => {
    expect(pooledStatistic([4, 1, 3, 2])).toEqual({
      n: 4,
      median: 2.5,
      p90: 3.7,
      mean: 2.5,
      sd: Math.sqrt(5 / 3),
      ciLow: 1,
      ciHigh: 4,
    });
    expect(pooledStatistic([])).toBeNull();
    expect(() => pooledStatistic([1, Number.NaN])).toThrow(/not finite/);
  });
});
