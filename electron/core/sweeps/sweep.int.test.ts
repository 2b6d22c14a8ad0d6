import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepProgress } from '../../../shared/sweep';
import { startRunFarm, type RunFarm } from '../runs/testing-run-farm';
import { countBuilds, countCachePushes, smallSweep, sweepEnded } from './testing-sweep-farm';

// A sweep through the real stack on 3 emulated phones: the grid's 2 graphs built once each,
// each artifact pushed once per phone, never two runs on one phone, the host's cores the cap.
let farm: RunFarm;
let counter: ReturnType<typeof countBuilds>;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3', 'sd8gen3', 'tensorg3']);
  counter = countBuilds();
}, 120_000);

afterAll(async () => {
  counter.restore();
  await farm.stop();
});

describe('a sweep on 3 emulated phones', () => {
  it('runs every point on every phone, building and pushing each thing once', async () => {
    const perPhone = farm.phones.map(countCachePushes);
    const progress: SweepProgress[] = [];
    farm.studio.on('sweep:onDidProgress', (payload) => progress.push(payload));
    const started = await farm.studio.invoke('sweep:start', { profile: smallSweep });
    if (!started.ok) throw new Error(started.error.message);
    const { sweep, points } = await sweepEnded(farm.studio, started.value.sweepId);
    expect(sweep.state).toBe('finished');
    expect(sweep.counts).toMatchObject({ planned: 6, done: 6, failed: 0, infeasible: 0 });
    expect(points.every((point) => point.runIds.length === 1 && point.attempts === 0)).toBe(true);
    // Each distinct graph built once, no more (and nothing else built).
    expect([...counter.builds.values()]).toEqual([1, 1]);
    const artifacts = readdirSync(join(farm.dataDir, 'artifacts')).filter(
      (n) => !n.startsWith('.'),
    );
    expect(artifacts.sort()).toEqual([...counter.builds.keys()].sort());
    // Each content pushed once per phone: the graphs of both points, and their weights.
    for (const pushes of perPhone) {
      expect(
        [...pushes.values()].every((count) => count === 1),
        JSON.stringify([...pushes]),
      ).toBe(true);
      expect(pushes.size).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(perPhone.map((pushes) => [...pushes.keys()].sort().join()))).toHaveProperty(
      'size',
      1,
    );
    // The runs are the sweep's, finished; never two at once on one phone, at most 2 (cores).
    const runs = await farm.studio.invoke('run:list', { sweepId: sweep.id });
    if (!runs.ok) throw new Error(runs.error.message);
    expect(runs.value.runs.map((run) => run.state)).toEqual(Array(6).fill('finished'));
    const spans = runs.value.runs.map((run) => ({
      device: run.deviceKey,
      from: run.createdAt,
      to: run.endedAt!,
    }));
    const overlapping = (t: number) => spans.filter((span) => span.from <= t && t < span.to);
    for (const span of spans) {
      const at = overlapping(span.from);
      expect(at.length).toBeLessThanOrEqual(2);
      expect(new Set(at.map((each) => each.device)).size).toBe(at.length);
    }
    expect(sweep.concurrency).toBe(2);
    expect(progress.at(-1)).toMatchObject({ state: 'finished', concurrency: 2 });
    expect(progress.at(-1)!.concurrencyNote).toContain("this host's 2 cores");
  }, 180_000);
});
