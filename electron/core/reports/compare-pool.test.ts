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

  it("pools chunk metrics per repetition and draws the timeline from every run's chunks", () => {
    const now = measuredSummary({ ttftMs: [10, 20], peakMib: 100, chunks: 3 });
    // Stored before chunkTimes: every chunk (13, 14, 15 a repetition) under the chunk metrics.
    const old = measuredSummary({ ttftMs: [10, 20], peakMib: 100, chunks: 3 });
    old.values = {
      ...old.values,
      chunkComputeMs: [13, 14, 15, 13, 14, 15],
      chunkStateMs: [2, 2, 2, 3, 3, 3],
    };
    delete old.chunkTimes;
    const pooled = poolRuns([now, old]);
    // Now: 11 for each of its 2 repetitions; old: 14 for each of its 2, not its 6 chunks.
    expect(pooled.stats.chunkComputeMs).toMatchObject({ n: 4, median: 12.5 });
    // States: 1.1 for each repetition of now, 2 and 3 for old's.
    expect(pooled.stats.chunkStateMs).toMatchObject({ n: 4, median: 1.55 });
    // Chunk by chunk over both: now 10, 11, 12 twice; old 13, 14, 15 twice.
    expect(pooled.prefillTimeline.map((chunk) => chunk.computeMs)).toEqual([11.5, 12.5, 13.5]);
    expect(pooled.prefillTimeline.map((chunk) => chunk.stateMs)).toEqual([1.5, 1.55, 1.6]);
  });

  it('keeps a single run as it was stored', () => {
    const summary = measuredSummary({ ttftMs: [10, 20, 30], peakMib: 100 });
    expect(poolRuns([summary]).stats).toBe(summary.stats);
  });

  it("recomputes a single run's chunk metrics per repetition when it was stored before chunkTimes", () => {
    const old = measuredSummary({ ttftMs: [10, 20], peakMib: 100, chunks: 3 });
    old.values = { ...old.values, chunkComputeMs: [13, 14, 15, 13, 14, 16] };
    delete old.chunkTimes;
    const stats = poolRuns([old]).stats;
    // Two repetitions (medians 14 and 14), not six chunks.
    expect(stats.chunkComputeMs).toMatchObject({ n: 2, median: 14 });
    expect(stats.ttftMs).toBe(old.stats.ttftMs);
  });
});

describe('evenlyPicked', () => {
  it('keeps short lists whole and picks evenly from long ones', () => {
    expect(evenlyPicked([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(evenlyPicked([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
  });
});
