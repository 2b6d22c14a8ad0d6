import { describe, expect, it, vi } from 'vitest';
import type { SweepPoint } from '../../../shared/sweep';
import type { RunEnd } from './sweep-loop';
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

  describe('a phone leased by another owner', () => {
    const leased: RunEnd = {
      state: 'failed',
      error: {
        code: 'busy',
        message: 'the phone is leased by teammate until 2030-01-01T00:00:00Z',
      },
    };
    const fast = { firstMs: 5, maxMs: 20, giveUpMs: 60_000 };
    const triesOn = (runs: FakeRuns, device: string) =>
      runs.started.filter((run) => run.request.device === device).length;
    /** Ends the live run on `device` once there is one. */
    const endOn = async (runs: FakeRuns, device: string) => {
      const liveOn = () =>
        runs.started.find(
          (run) => run.request.device === device && runs.live().includes(run.runId),
        );
      await vi.waitFor(() => expect(liveOn()).toBeDefined());
      runs.end(liveOn()!.runId);
    };

    it('waits (no retry spent), other phones running meanwhile, and runs once it frees', async () => {
      const points = grid(['a', 'b'], ['p1', 'p3']);
      const only = [phones[0]!, phones[2]!];
      const { loop, runs } = setting(points, { phones: only, retries: 0, leaseBackoff: fast });
      let held = true;
      runs.auto = (request) => (request.device === 'p1' && held ? leased : null);
      const done = runSweepLoop(loop);
      // p3 runs its points while p1 waits: each ended by hand, one at a time.
      await endOn(runs, 'p3');
      await endOn(runs, 'p3');
      const onP3 = () => points.filter((point) => point.deviceKey === 'p3');
      await vi.waitFor(() =>
        expect(onP3().map((point) => point.status)).toEqual(['finished', 'finished']),
      );
      expect(triesOn(runs, 'p1')).toBeGreaterThanOrEqual(2);
      expect(points[0]).toMatchObject({ status: 'pending', attempts: 0, deviceKey: 'p1' });
      expect(points[0]!.reason).toBe(`waiting: ${leased.error!.message}`);
      // Only p1's first point was tried; its second waits behind it, untried.
      expect(points[2]!.runIds).toEqual([]);
      // Backed off, not spun: 5, 10, 20, 20… ms apart.
      const tries = triesOn(runs, 'p1');
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(triesOn(runs, 'p1') - tries).toBeLessThanOrEqual(5);
      held = false;
      await endOn(runs, 'p1');
      await endOn(runs, 'p1');
      await done;
      expect(points.map((point) => point.status)).toEqual(Array(4).fill('finished'));
      expect(points.every((point) => point.attempts === 0 && point.reason === null)).toBe(true);
      expect(points[0]!.runIds.length).toBeGreaterThanOrEqual(4);
      expect(runs.twoOnOnePhone).toBe(false);
    });

    it('reads the lease while another owner holds it, starting no run until it is free', async () => {
      const points = grid(['a', 'b'], ['p1']);
      let held = true;
      const asked: string[] = [];
      const leaseHolder = async (key: string) => (asked.push(key), held ? 'teammate' : null);
      const { loop, runs } = setting(points, {
        phones: [phones[0]!],
        leaseBackoff: fast,
        leaseHolder,
      });
      runs.auto = () => (held ? leased : null);
      const done = runSweepLoop(loop);
      await vi.waitFor(() => expect(asked.length).toBeGreaterThanOrEqual(3));
      // One run was refused; every later wait read the lease instead of starting another.
      expect(triesOn(runs, 'p1')).toBe(1);
      expect(points[0]!.runIds).toHaveLength(1);
      expect(new Set(asked)).toEqual(new Set(['p1']));
      held = false;
      await endOn(runs, 'p1');
      await endOn(runs, 'p1');
      await done;
      expect(points.map((point) => point.status)).toEqual(['finished', 'finished']);
      expect(triesOn(runs, 'p1')).toBe(3);
    });

    it('a stop cancels the waiting points at once, long before the next try', async () => {
      const points = grid(['a', 'b'], ['p1']);
      const backoff = { firstMs: 60_000, maxMs: 60_000, giveUpMs: 600_000 };
      const { loop, runs, controller } = setting(points, {
        phones: [phones[0]!],
        leaseBackoff: backoff,
      });
      runs.auto = () => leased;
      const done = runSweepLoop(loop);
      await vi.waitFor(() => expect(points[0]!.reason).toMatch(/^waiting: /));
      const stoppedAt = Date.now();
      controller.abort();
      await done;
      expect(Date.now() - stoppedAt).toBeLessThan(1000);
      expect(runs.started).toHaveLength(1);
      expect(points.map((point) => [point.status, point.reason])).toEqual([
        ['cancelled', 'the sweep was stopped'],
        ['cancelled', 'the sweep was stopped'],
      ]);
    });

    it('moves the point to a twin phone once that one is free', async () => {
      const points = [testPoint('a', 'p1'), testPoint('a', 'p2')];
      const { loop, runs } = setting(points, { leaseBackoff: fast });
      runs.auto = (request) => (request.device === 'p1' ? leased : null);
      const done = runSweepLoop(loop);
      // p2 busy with its own point: p1's waits; once p2 is done, p1's next refusal moves it.
      await vi.waitFor(() => expect(points[0]!.reason).toMatch(/^waiting: /));
      await endOn(runs, 'p2');
      await vi.waitFor(() => expect(points[0]!.deviceKey).toBe('p2'));
      await endOn(runs, 'p2');
      await done;
      expect(points[0]).toMatchObject({ status: 'finished', plannedDevice: 'p1', attempts: 0 });
      expect(runs.started.at(-1)!.request.device).toBe('p2');
    });

    it('moves a waiting point to its twin once that idles, reading the lease meanwhile', async () => {
      const points = [testPoint('a', 'p1'), testPoint('a', 'p2')];
      const leaseHolder = async (key: string) => (key === 'p1' ? 'teammate' : null);
      const { loop, runs } = setting(points, { leaseBackoff: fast, leaseHolder });
      runs.auto = (request) => (request.device === 'p1' ? leased : null);
      const done = runSweepLoop(loop);
      await vi.waitFor(() => expect(points[0]!.reason).toMatch(/^waiting: /));
      await endOn(runs, 'p2');
      await vi.waitFor(() => expect(points[0]!.deviceKey).toBe('p2'));
      expect(points[0]!.reason).toBe('moved from p1: the phone is leased by teammate');
      await endOn(runs, 'p2');
      await done;
      expect(points.map((point) => point.status)).toEqual(['finished', 'finished']);
      // p1 was tried once; every later wait read its lease.
      expect(triesOn(runs, 'p1')).toBe(1);
    });

    it('gives up on a phone leased past giveUpMs, failing its points with why', async () => {
      const points = [...grid(['a', 'b'], ['p1']), testPoint('a', 'p3')];
      const only = [phones[0]!, phones[2]!];
      const backoff = { firstMs: 5, maxMs: 5, giveUpMs: 30 };
      const { loop, runs } = setting(points, { phones: only, leaseBackoff: backoff });
      runs.auto = (request) =>
        request.device === 'p1' ? leased : { state: 'finished', error: null };
      await runSweepLoop(loop);
      expect(points.map((point) => point.status)).toEqual(['failed', 'failed', 'finished']);
      for (const point of points.slice(0, 2)) {
        expect(point.reason).toMatch(
          /leased by teammate .*\(the phone stayed leased for \d+ min\)/,
        );
        expect(point.attempts).toBe(0);
      }
      expect(triesOn(runs, 'p1')).toBeGreaterThan(2);
    });
  });
});
