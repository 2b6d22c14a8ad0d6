import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../../shared/profile';
import { fakeRecord } from '../runs/testing-run-page';
import {
  defaultRunSeconds,
  estimateSweep,
  launchConcurrency,
  runSecondsByPoint,
} from './sweep-estimate';
import { plannedPoints } from './sweep-points';

const profile = profileSchema.parse({
  version: 1,
  name: 'ci',
  model: 'builtin:edge-infinite-tiny',
  grid: { chunk: [16, 32], sink: [4], window: [24, 64], memory: ['on', 'off'], quant: ['float'] },
});

const finished = (
  id: string,
  chunk: number,
  window: number,
  seconds: number,
  model = profile.model,
) => ({
  ...fakeRecord(
    id,
    { device: 'p', model, scenario: { chunk, sink: 4, window, memory: 'on' }, quant: 'float' },
    'finished',
    1000,
  ),
  endedAt: 1000 + seconds * 1000,
});

describe('sweep estimate', () => {
  it('plans the valid points only (window 24 < chunk 32 skipped)', () => {
    const points = plannedPoints(profile);
    expect(points.map((point) => point.scenario)).toEqual([
      'c16-s4-w24-mem',
      'c16-s4-w24-nomem',
      'c16-s4-w64-mem',
      'c16-s4-w64-nomem',
      'c32-s4-w64-mem',
      'c32-s4-w64-nomem',
    ]);
  });

  it('uses the default per run when the store has no run of these points', () => {
    const estimate = estimateSweep(plannedPoints(profile), new Map());
    expect(estimate.seconds).toBe(6 * defaultRunSeconds);
    expect(estimate.fromDefault).toBe(6);
    expect(estimate.basis).toContain(`${defaultRunSeconds} s a run assumed`);
  });

  it('takes the median of earlier runs of a point and their mean for the others', () => {
    const runs = [
      finished('a', 16, 64, 2),
      finished('b', 16, 64, 4),
      finished('c', 16, 64, 30),
      finished('d', 32, 64, 6),
      finished('other-model', 16, 24, 500, '/models/other.onnx'),
    ];
    const history = runSecondsByPoint(runs, profile.model);
    expect(history.size).toBe(2);
    const estimate = estimateSweep(plannedPoints(profile), history, 2);
    // c16-w64-mem: median 4 s, c32-w64-mem: 6 s; the 4 others their mean, 5 s; two phones a slot.
    expect(estimate.seconds).toBe((4 + 6 + 4 * 5) * 2);
    expect(estimate.fromHistory).toBe(2);
    expect(estimate.basis).toContain('2 of 6 points');
  });

  it('runs every real phone at once, emulated ones no more than the host has cores', () => {
    const phones = (real: number, emulated: number) => [
      ...Array.from({ length: real }, () => ({ emulated: false })),
      ...Array.from({ length: emulated }, () => ({ emulated: true })),
    ];
    expect(launchConcurrency(phones(2, 2), 4)).toEqual({ runsAtOnce: 4, cap: null });
    expect(launchConcurrency(phones(1, 6), 4)).toEqual({
      runsAtOnce: 5,
      cap: "emulated phones run on this host's 4 cores: at most 4 of the 6 run at once",
    });
    expect(launchConcurrency(phones(0, 6), null)).toEqual({ runsAtOnce: 6, cap: null });
    expect(launchConcurrency([], 4).runsAtOnce).toBe(1);
    // Six emulated phones on 4 cores: each run slot serves 1.5 phones.
    const capped = launchConcurrency(phones(0, 6), 4);
    const estimate = estimateSweep(plannedPoints(profile), new Map(), 6 / capped.runsAtOnce);
    expect(estimate.seconds).toBe(6 * defaultRunSeconds * 1.5);
  });
});
