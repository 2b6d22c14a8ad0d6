import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepPoint } from '../../../shared/sweep';
import { startLeaseHolder } from '../devices/lease/testing-lease-process';
import { startRunFarm, type RunFarm } from '../runs/testing-run-farm';
import { smallSweep, sweepEnded } from './testing-sweep-farm';

// A teammate's process (another owner, its own adb client) holds one of two phones' lease when a
// sweep starts: that phone's points wait for it while the other phone runs its own, and run once
// the lease is released, so the sweep finishes with every point finished instead of failed.
let farm: RunFarm;
let holder: ChildProcess | null = null;

beforeAll(async () => {
  // Two models: no twin to move the leased phone's points to, so they must wait.
  farm = await startRunFarm(['sd8gen3', 'tensorg3']);
}, 120_000);

afterAll(async () => {
  holder?.kill('SIGTERM');
  await farm.stop();
});

/** Another process holding phone `index`'s lease as `owner`. */
const holdLease = (index: number, owner: string) =>
  startLeaseHolder(farm.server.port, farm.phones[index]!.address, owner);

describe('a sweep meeting a phone leased by another owner', () => {
  it('waits for the lease, running the other phone meanwhile, and finishes every point', async () => {
    const [leasedKey, freeKey] = [farm.keyOf(0), farm.keyOf(1)];
    holder = await holdLease(0, 'teammate-cli');
    const latest = new Map<string, SweepPoint>();
    const waited: string[] = [];
    farm.studio.on('sweep:onDidProgress', ({ point }) => {
      if (!point) return;
      latest.set(`${point.pointKey}@${point.plannedDevice}`, point);
      if (point.reason?.startsWith('waiting: ')) waited.push(point.reason);
    });
    const started = await farm.studio.invoke('sweep:start', { profile: smallSweep });
    if (!started.ok) throw new Error(started.error.message);
    const on = (key: string) => [...latest.values()].filter((point) => point.deviceKey === key);
    // The free phone runs both its points while the leased one's wait.
    await expect
      .poll(() => on(freeKey).filter((point) => point.status === 'finished').length, {
        timeout: 120_000,
        interval: 200,
      })
      .toBe(2);
    expect(waited.length).toBeGreaterThan(0);
    expect(waited[0]).toMatch(/^waiting: the phone is leased by teammate-cli until /);
    expect(on(leasedKey).every((point) => point.status !== 'finished')).toBe(true);
    holder.kill('SIGTERM');
    holder = null;
    const { sweep, points } = await sweepEnded(farm.studio, started.value.sweepId, 150_000);
    expect(sweep.state).toBe('finished');
    expect(sweep.counts).toMatchObject({ planned: 4, done: 4, failed: 0, cancelled: 0 });
    // Waiting is no retry: every point ran on the phone it was planned on.
    expect(points.every((point) => point.attempts === 0)).toBe(true);
    expect(points.every((point) => point.deviceKey === point.plannedDevice)).toBe(true);
    // One run was refused as busy; the waits after it read the lease rather than start runs. A
    // read landing while the holder removes its lease (file gone, folder not yet) lets one more
    // run be refused, no more.
    const runs = await farm.studio.invoke('run:list', { sweepId: sweep.id });
    if (!runs.ok) throw new Error(runs.error.message);
    const refused = runs.value.runs.filter((run) => run.state !== 'finished');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(2);
    for (const run of refused) {
      expect(run).toMatchObject({ state: 'failed', deviceKey: leasedKey });
      const record = await farm.studio.invoke('run:get', { runId: run.id });
      expect(record.ok && record.value.error?.code).toBe('busy');
    }
    for (const point of points) {
      const last = await farm.studio.invoke('run:get', { runId: point.runIds.at(-1)! });
      expect(last.ok && last.value.state).toBe('finished');
    }
  }, 300_000);
});
