import { describe, expect, it } from 'vitest';
import { countPoints, type SweepCounts } from './sweep';
import { etaSeconds, farmConcurrency, formatDuration, settledPoints } from './sweep-pace';

const counts = (over: Partial<SweepCounts>): SweepCounts => ({
  ...countPoints([]),
  planned: 10,
  ...over,
});

describe('sweep pace', () => {
  it('counts every point that will not run again as settled, not the running ones', () => {
    const c = counts({ done: 2, failed: 1, infeasible: 1, skipped: 1, cancelled: 1, running: 2 });
    expect(settledPoints(c)).toBe(6);
  });

  it('has no ETA until a point has run, and none left once all are settled', () => {
    expect(etaSeconds(counts({ infeasible: 3, running: 1 }), 0, 60_000)).toBeNull();
    expect(etaSeconds(counts({ done: 8, infeasible: 2 }), 0, 60_000)).toBe(0);
  });

  it('spreads the time so far over the points that ran, infeasible ones taking none', () => {
    // 4 ran in 60 s, 2 infeasible: 4 left at 15 s each.
    expect(etaSeconds(counts({ done: 3, failed: 1, infeasible: 2 }), 0, 60_000)).toBe(60);
  });

  it('takes the pace since it started watching, not the points that ran before', () => {
    // 5 had run before a resume; 1 more in the 20 s since: 4 left at 20 s each.
    const now = counts({ done: 6 });
    expect(etaSeconds(now, 100_000, 120_000, { done: 5, failed: 0 })).toBe(80);
    expect(etaSeconds(now, 100_000, 120_000, { done: 6, failed: 0 })).toBeNull();
  });

  it('writes durations as a person would read them', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3840)).toBe('1 h 4 min');
    expect(formatDuration(7170)).toBe('2 h 0 min');
  });

  it('runs every real phone at once and emulated ones up to the host cores, saying so', () => {
    const farm = (real: number, emulated: number) => [
      ...Array.from({ length: real }, () => ({ emulated: false })),
      ...Array.from({ length: emulated }, () => ({ emulated: true })),
    ];
    expect(farmConcurrency(farm(3, 0), 2)).toEqual({ concurrency: 3, note: null, capped: false });
    expect(farmConcurrency([], 2).concurrency).toBe(1);
    const capped = farmConcurrency(farm(1, 4), 2);
    expect(capped).toMatchObject({ concurrency: 3, capped: true });
    expect(capped.note).toBe(
      "emulated phones run on this host's 2 cores: at most 2 of the 4 run at once",
    );
    // Under the cores the note still says where the runs go, but nothing is held back.
    expect(farmConcurrency(farm(0, 2), 4)).toMatchObject({ concurrency: 2, capped: false });
  });
});
