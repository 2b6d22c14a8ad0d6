import { describe, expect, it } from 'vitest';
import {
  formatFigure,
  formatValue,
  hodgesLehmann,
  hodgesLehmannInterval,
  meetsGoal,
  pairedMedians,
} from './benchmark';

describe('hodgesLehmann', () => {
  it('is the median of the pairwise means: one outlier barely moves it', () => {
    // Pairwise means 1 1.5 2 2 2.5 3 50.5 51 51.5 100: the median is 2.75 (the mean is 26.5).
    expect(hodgesLehmann([1, 2, 3, 100])).toBe(2.75);
    expect(hodgesLehmann([5])).toBe(5);
  });
});

describe('hodgesLehmannInterval', () => {
  it('brackets the estimate between Walsh averages at the signed-rank critical ranks', () => {
    // n = 10: 55 Walsh averages, critical rank floor(27.5 - 1.96 * 9.81) = 8 (the exact table: 9).
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const [low, high] = hodgesLehmannInterval(values);
    expect(low).toBe(3);
    expect(high).toBe(8);
    expect(hodgesLehmann(values)).toBeGreaterThan(low);
    expect(hodgesLehmann(values)).toBeLessThan(high);
  });

  it('narrows as the sample grows', () => {
    const noisy = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.1);
    const width = (n: number) => {
      const [low, high] = hodgesLehmannInterval(noisy(n));
      return high - low;
    };
    expect(width(120)).toBeLessThan(width(30));
  });
});

describe('pairedMedians', () => {
  it('runs a warm-up pair, alternates the order, and estimates the ratio of each pair', async () => {
    const calls: string[] = [];
    let a = 0;
    let b = 0;
    const result = await pairedMedians(
      4,
      async () => (calls.push('a'), (a += 1) * 2),
      async () => (calls.push('b'), (b += 1)),
    );
    expect(calls.join('')).toBe('ab' + 'ab' + 'ba' + 'ab' + 'ba');
    expect(result.ratio).toBe(2);
    expect(result.a).toBe(7);
    expect(result.b).toBe(3.5);
  });

  it('weighs a pair twice as slow as much as one twice as fast', async () => {
    // After the warm-up pair, the pairs run a,b then b,a then a,b: ratios 2, 1/2 and 1.
    const as = [1, 2, 1, 1];
    const bs = [1, 1, 2, 1];
    const result = await pairedMedians(
      3,
      async () => as.shift()!,
      async () => bs.shift()!,
    );
    expect(result.ratio).toBeCloseTo(1, 12);
  });
});

describe('formatFigure', () => {
  it('prints a figure in words with its goal in words; the value still decides the goal', () => {
    const figure = {
      value: 1,
      unit: 'mismatches',
      goal: { op: '<=' as const, value: 0 },
      text: { figure: 'builds 12/12, pushes 80/81', goal: 'goal: exact' },
    };
    expect(formatFigure('sweep-dedupe', figure)).toBe(
      'bench sweep-dedupe: builds 12/12, pushes 80/81 (goal: exact)',
    );
    expect(meetsGoal(figure)).toBe(false);
    expect(formatFigure('x', { value: 0.5, unit: 's' })).toBe(
      'bench x: 0.50 s (reported, no goal)',
    );
  });

  it('keeps two decimals under 10 and whole numbers above (a baseline of 0.48 s is not 0 s)', () => {
    expect(formatValue(0.479)).toBe('0.48');
    expect(formatValue(-3)).toBe('-3.00');
    expect(formatValue(1062.4)).toBe('1062');
  });
});
