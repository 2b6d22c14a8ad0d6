import { describe, expect, it } from 'vitest';
import type { SweepPoint } from '../../../shared/sweep';
import { runSweepLoop, type LoopSetting } from './sweep-loop';
import { FakeRuns, settleMicrotasks, testPhone, testPoint } from './testing-sweep';

const phones = [testPhone('p1'), testPhone('p2'), testPhone('p3', { model: 'Other' })];

function setting(points: SweepPoint[], fields: Partial<LoopSetting> = {}) {
  const runs = new FakeRuns();
  const controller = new AbortController();
  const changes: string[] = [];
  const loop: LoopSetting = {
    sweepId: 's1',
    points,
    phones,
    fits: () => true,
    retries: 2,
    concurrency: 8,
    runs,
    onPoint: (point) => changes.push(`${point.pointKey}@${point.plannedDevice}:${point.status}`),
    signal: controller.signal,
    ...fields,
  };
  return { loop, runs, controller, changes };
}

const grid = (keys: string[], devices: string[]) =>
  keys.flatMap((key) => devices.map((device) => testPoint(key, device)));

describe('runSweepLoop', () => {
  it('never runs two on one phone, and keeps to the concurrency cap', async () => {
    const points = grid(['a', 'b', 'c'], ['p1', 'p2', 'p3']);
    const { loop, runs, changes } = setting(points, { concurrency: 2 });
    const done = runSweepLoop(loop);
    for (let round = 0; round < 20 && runs.live().length > 0; round++) {
      expect(runs.live().length).toBeLessThanOrEqual(2);
      runs.end(runs.live()[0]!);
      await settleMicrotasks();
    }
    await done;
    expect(runs.maxLive).toBe(2);
    expect(runs.twoOnOnePhone).toBe(false);
    expect(runs.started).toHaveLength(9);
    expect(points.every((point) => point.status === 'finished' && point.runIds.length === 1)).toBe(
      true,
    );
    expect(changes.filter((line) => line.endsWith(':finished'))).toHaveLength(9);
  });

  it('runs one per phone, all phones at once, when the cap allows', async () => {
    const { loop, runs } = setting(grid(['a', 'b'], ['p1', 'p2', 'p3']));
    runs.auto = () => ({ state: 'finished', error: null });
    await runSweepLoop(loop);
    expect(runs.maxLive).toBe(3);
    expect(runs.twoOnOnePhone).toBe(false);
  });

  it('moves a run lost to device-lost to another phone, a twin first, up to the retries', async () => {
    const points = [testPoint('a', 'p1')];
    const { loop, runs } = setting(points, { retries: 1 });
    runs.auto = () => ({ state: 'failed', error: { code: 'device-lost', message: 'DEVICE_LOST' } });
    await runSweepLoop(loop);
    // p1 lost it, p2 (same model) got it and lost it too; then the retries are spent.
    expect(runs.started.map((run) => run.request.device)).toEqual(['p1', 'p2']);
    expect(points[0]).toMatchObject({ status: 'failed', attempts: 2, deviceKey: 'p2' });
    expect(points[0]!.reason).toContain('after 1 retries');
    expect(points[0]!.runIds).toEqual(['r1', 'r2']);
  });

  it('finishes a moved point on the other phone; a phone that does not fit is not used', async () => {
    const points = [testPoint('a', 'p1')];
    const { loop, runs } = setting(points, { fits: (_, phone) => phone.key !== 'p2' });
    runs.auto = (request) =>
      request.device === 'p1'
        ? { state: 'failed', error: { code: 'device-lost', message: 'DEVICE_LOST' } }
        : { state: 'finished', error: null };
    await runSweepLoop(loop);
    expect(runs.started.map((run) => run.request.device)).toEqual(['p1', 'p3']);
    expect(points[0]).toMatchObject({ status: 'finished', attempts: 1, deviceKey: 'p3' });
    expect(points[0]!.plannedDevice).toBe('p1');
  });

  it('fails a point on any other failure without retrying it', async () => {
    const points = [testPoint('a', 'p1'), testPoint('b', 'p1')];
    const { loop, runs } = setting(points);
    runs.auto = (request) =>
      request.model === 'demo' && runs.started.length === 1
        ? { state: 'failed', error: { code: 'out-of-memory', message: 'lmkd killed it' } }
        : { state: 'finished', error: null };
    await runSweepLoop(loop);
    expect(points.map((point) => point.status)).toEqual(['failed', 'finished']);
    expect(points[0]!.reason).toBe('lmkd killed it');
    expect(runs.started).toHaveLength(2);
  });

  it('cancel stops the live runs and cancels what has not run', async () => {
    const points = grid(['a', 'b'], ['p1', 'p2']);
    const { loop, runs, controller } = setting(points);
    const done = runSweepLoop(loop);
    await settleMicrotasks();
    expect(runs.live()).toHaveLength(2);
    controller.abort();
    await done;
    expect(runs.stopped.sort()).toEqual(['r1', 'r2']);
    expect(runs.started).toHaveLength(2);
    expect(points.map((point) => point.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(points[2]!.reason).toBe('the sweep was stopped');
  });

  it('leaves points that are not pending alone (a resumed sweep keeps its finished runs)', async () => {
    const points = grid(['a', 'b'], ['p1']);
    Object.assign(points[0]!, { status: 'finished', runIds: ['old'] });
    const { loop, runs } = setting(points);
    runs.auto = () => ({ state: 'finished', error: null });
    await runSweepLoop(loop);
    expect(runs.started).toHaveLength(1);
    expect(points[0]!.runIds).toEqual(['old']);
  });

  it('runs a point once its graph is built, and ends only once every build is done', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const built = new Set(['a']);
    async function* builds() {
      yield 'a';
      await held;
      built.add('b');
      yield 'b';
    }
    const points = [testPoint('a', 'p1'), testPoint('b', 'p1'), testPoint('b', 'p2')];
    const ready = (point: SweepPoint) => built.has(point.pointKey);
    const { loop, runs } = setting(points, { builds: builds(), ready });
    runs.auto = () => ({ state: 'finished', error: null });
    let ended = false;
    const done = runSweepLoop(loop).then(() => (ended = true));
    await settleMicrotasks();
    expect(runs.started.map((run) => run.request.device)).toEqual(['p1']);
    expect(points.map((point) => point.status)).toEqual(['finished', 'pending', 'pending']);
    expect(ended).toBe(false);
    release();
    await done;
    expect(runs.started.map((run) => run.request.device)).toEqual(['p1', 'p1', 'p2']);
    expect(points.map((point) => point.status)).toEqual(['finished', 'finished', 'finished']);
  });
});
