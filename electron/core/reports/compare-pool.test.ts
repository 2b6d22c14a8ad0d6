import { describe, expect, it } from 'vitest';
import { evenlyPicked, poolRuns, poolTestValues } from './compare-pool';
import { measuredSummary } from './testing-compare-store';

describe('poolRuns', () => {
  it('counts a run stored without its values by its median, and weights fidelity by tokens', () => {
    const kept = measuredSummary({
      ttftMs: [10, 20, 30],
      peakMib: 100,
      tokenKl: [0.1, 0.3],
      cosine: 0.9,
    });
    const old = {
      ...measuredSummary({
        ttftMs: [50, 60, 70],
        peakMib: 100,
        tokenKl: [0.2, 0.2, 0.2, 0.2],
        cosine: 0.6,
      }),
    };
    delete old.values;
    const pooled = poolRuns([kept, old]);
    const values = poolTestValues([kept, old]);
    // 10, 20, 30 and the old run's median 60.
    expect(pooled.stats.ttftMs).toMatchObject({ n: 4, median: 25, mean: 30 });
    expect(values.ttftValues).toEqual([10, 20, 30]);
    expect(values.klValues).toEqual([0.1, 0.3, 0.2, 0.2, 0.2, 0.2]);
    // Token-weighted: (0.9 · 2 + 0.6 · 4) / 6.
    expect(pooled.fidelity!.cosineMean).toBeCloseTo(0.7, 10);
    expect(pooled.fidelity!.tokens).toBe(6);
  });

  it('keeps a single run as it was stored', () => {
    const summary = measuredSummary({ ttftMs: [10, 20, 30], peakMib: 100 });
    expect(poolRuns([summary]).stats).toBe(summary.stats);
  });
});

describe('evenlyPicked', () => {
  it('keeps short lists whole and picks evenly from long ones', () => {
    expect(evenlyPicked([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(evenlyPicked([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
  });
});
