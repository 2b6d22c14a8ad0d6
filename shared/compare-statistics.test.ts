import { describe, expect, it } from 'vitest';
import {
  budgetBreaches,
  formatChange,
  paretoFrontier,
  recommend,
  significance,
} from './compare-statistics';
import type { Statistic } from './run-metrics';

const labels = { a: 'A', b: 'B' };

describe('paretoFrontier', () => {
  it('keeps the points no other is as fast and as small as, worked out by hand', () => {
    const points = [
      { key: 'fast-big', ttftMs: 100, peakBytes: 900 },
      { key: 'mid', ttftMs: 150, peakBytes: 500 },
      { key: 'dominated', ttftMs: 160, peakBytes: 600 },
      { key: 'slow-small', ttftMs: 300, peakBytes: 200 },
      { key: 'same-ttft-bigger', ttftMs: 100, peakBytes: 950 },
      { key: 'slowest-not-smaller', ttftMs: 400, peakBytes: 200 },
    ];
    expect([...paretoFrontier(points)].sort()).toEqual(['fast-big', 'mid', 'slow-small']);
  });

  it('keeps equal points together, on or off the frontier', () => {
    const points = [
      { key: 'a', ttftMs: 10, peakBytes: 10 },
      { key: 'b', ttftMs: 10, peakBytes: 10 },
      { key: 'c', ttftMs: 20, peakBytes: 20 },
      { key: 'd', ttftMs: 20, peakBytes: 20 },
    ];
    expect([...paretoFrontier(points)].sort()).toEqual(['a', 'b']);
    expect(paretoFrontier([])).toEqual(new Set());
  });
});

describe('significance (two-sided Mann–Whitney U, normal approximation with tie correction)', () => {
  it('matches Hollander & Wolfe (1973) p. 116 worked by hand: U = 12, z = −0.49, p = 0.624', () => {
    const a = [2.9, 3.0, 2.5, 2.6, 3.2];
    const b = [3.8, 2.7, 4.0, 2.4];
    const result = significance('ttftMs', a, b, labels);
    // Ranks of B in the pooled sample: 1, 4, 8, 9 → 22 − 4·5/2 = 12; z² = (12 − 10)² / (20·10/12);
    // medians 2.9 and 3.25 (+12 %).
    expect(result.u).toBe(12);
    expect(result.p).toBeCloseTo(0.6242061, 6);
    expect(result.verdict).toBe('no-difference');
    expect(result.sentence).toBe(
      'No significant difference in TTFT between A and B: p = 0.624, median +12 %.',
    );
  });

  it('corrects for ties as worked by hand: variance 16/12 · (9 − 48/56), p = 0.129', () => {
    const result = significance('ttftMs', [1, 2, 2, 3], [2, 3, 3, 4], labels);
    expect(result.u).toBe(13);
    expect(result.p).toBeCloseTo(0.12915501, 7);
  });

  it('says B is faster when every B is below every A: U = 0, z = −2.611, p = 0.009', () => {
    const result = significance('ttftMs', [10, 11, 12, 13, 14], [1, 2, 3, 4, 5], labels);
    expect(result).toMatchObject({
      u: 0,
      nA: 5,
      nB: 5,
      medianA: 12,
      medianB: 3,
      verdict: 'better',
    });
    expect(result.p).toBeCloseTo(0.00902344, 7);
    expect(result.relativeChange).toBeCloseTo(-0.75, 10);
    expect(result.sentence).toBe('B is faster than A: p = 0.009, median −75 %.');
  });

  it('says B is less accurate when its per-token KL is higher', () => {
    const result = significance('kl', [0.01, 0.02, 0.015, 0.012], [0.2, 0.3, 0.25, 0.22], labels);
    expect(result.verdict).toBe('worse');
    expect(result.sentence).toMatch(/^B is less accurate than A: p = 0\.0\d\d, median \+/);
  });

  it('is insufficient below three values a side, and p = 1 when every value is equal', () => {
    const few = significance('ttftMs', [1, 2], [3, 4, 5], labels);
    expect(few).toMatchObject({ verdict: 'insufficient', u: null, p: null, nA: 2 });
    expect(few.sentence).toContain('A has 2, B has 3');
    expect(significance('ttftMs', [5, 5, 5], [5, 5, 5], labels)).toMatchObject({
      p: 1,
      verdict: 'no-difference',
      relativeChange: 0,
    });
  });

  it('takes the direction from U when the medians tie', () => {
    // Both medians are 10, but B's other values sit below A's: each 0 of B is below every A,
    // each 10 ties five As (U = 5 · 5 · ½ = 12.5 of a mean 40.5); ties 4, 10, 4 of 18 give a
    // variance of 81/12 · (19 − 1110/306), z = −2.749.
    const a = [10, 10, 10, 10, 10, 20, 20, 20, 20];
    const b = [0, 0, 0, 0, 10, 10, 10, 10, 10];
    const result = significance('ttftMs', a, b, labels);
    expect(result).toMatchObject({ medianA: 10, medianB: 10, u: 12.5, verdict: 'better' });
    expect(result.p).toBeCloseTo(0.0059825, 6);
  });

  it('formats changes with a true minus and a sign', () => {
    expect(formatChange(-0.18)).toBe('−18 %');
    expect(formatChange(0.025)).toBe('+2.5 %');
  });
});

function stat(median: number): Statistic {
  return { n: 5, median, p90: median, mean: median, sd: 0, ciLow: median, ciHigh: median };
}

const mib = 1024 * 1024;

function config(
  key: string,
  deviceKey: string | null,
  ttftMs: number,
  peakMib: number,
  cosine: number,
) {
  return {
    key,
    label: key,
    deviceKey,
    status: 'measured' as const,
    stats: { ttftMs: stat(ttftMs), peakRssBytes: stat(peakMib * mib) },
    fidelity: { tokens: 10, cosineMean: cosine, top1Agreement: 1, klMean: 0, klP95: 0 },
  };
}

describe('budgetBreaches and recommend', () => {
  const budgets = { maxPeakMemoryMb: 512, minFidelity: 0.99 };
  const phone = [
    config('fastest-big', 'p1', 100, 800, 0.999),
    config('fast-inaccurate', 'p1', 110, 300, 0.95),
    config('within', 'p1', 150, 400, 0.995),
    config('within-slower', 'p1', 200, 300, 0.999),
  ];
  const withBreaches = (configs: typeof phone) =>
    configs.map((each) => ({ ...each, overBudget: budgetBreaches(each, budgets) }));

  it('names each budget broken, and one measured nothing of', () => {
    expect(budgetBreaches(phone[0]!, budgets)).toEqual(['peak 800 MiB > 512 MiB']);
    expect(budgetBreaches(phone[1]!, budgets)).toEqual(['cosine 0.9500 < 0.99']);
    expect(budgetBreaches({ ...phone[2]!, fidelity: null }, budgets)).toEqual([
      'cosine not measured',
    ]);
    expect(budgetBreaches(phone[0]!, {})).toEqual([]);
  });

  it('picks the fastest within budget per phone, and what it costs against the fastest', () => {
    const other = config('only', 'p2', 90, 100, 0.999);
    const [first, second] = recommend(withBreaches([...phone, other]), budgets);
    expect(first).toMatchObject({ deviceKey: 'p1', best: 'within', fastest: 'fastest-big' });
    expect(first!.ttftRatio).toBeCloseTo(1.5, 10);
    expect(first!.sentence).toBe(
      'On p1, within is fastest within 512 MiB and cosine ≥ 0.99 (TTFT 150 ms), 1.50× the TTFT of the fastest, fastest-big (100 ms).',
    );
    expect(second).toMatchObject({ deviceKey: 'p2', best: 'only', fastest: 'only', ttftRatio: 1 });
    expect(second!.sentence).toContain('and the fastest measured');
  });

  it('says which budget ruled every configuration out', () => {
    const tight = { maxPeakMemoryMb: 100 };
    const configs = phone.map((each) => ({ ...each, overBudget: budgetBreaches(each, tight) }));
    const [only] = recommend(configs, tight);
    expect(only).toMatchObject({ best: null, fastest: 'fastest-big', ttftRatio: null });
    expect(only!.sentence).toBe(
      'On p1, nothing measured keeps to 100 MiB: every one of 4 breaks its memory budget.',
    );
  });

  it('leaves out what was not measured', () => {
    const failed = { ...phone[0]!, status: 'failed' as const, stats: {}, overBudget: [] };
    expect(recommend([failed], {})).toEqual([]);
  });
});
