import { leaseDir } from '../devices/lease/device-lease';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSample } from '../../../shared/run';
import { startRun, startRunFarm, type RunFarm } from './testing-run-farm';
import { runnersOnPhone, smallRun, streamedOf, waitForSample } from './testing-run-waits';

// A phone that goes away mid-run, through the studio core: the run fails as device-lost with
// what it measured kept, and its job and lease end instead of waiting on the phone.
let farm: RunFarm;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3', 'sd8gen3']);
}, 120_000);

afterAll(async () => {
  await farm.stop();
});

/** The runner's first token of measured repetition `rep`. */
const firstTokenOf = (rep: number) => (sample: RunSample) =>
  sample.kind === 'runner' && sample.event.ev === 'first_token' && sample.event.rep === rep;

describe('a phone lost mid-run', () => {
  it('fails device-lost, keeps every sample and a partial summary, ends in bounded time', async () => {
    const phone = farm.phones[0]!;
    const run = await startRun(farm, { ...smallRun, device: farm.keyOf(0), repetitions: 500 });
    // Two whole repetitions and some outside samples before the phone goes.
    await waitForSample(run, firstTokenOf(2));
    await waitForSample(run, (sample) => sample.kind === 'device');
    const wentAt = Date.now();
    await phone.goOffline();
    const record = await run.ended;
    const endedInMs = Date.now() - wentAt;
    console.info(`ended ${endedInMs} ms after the phone went: ${record.error?.message}`);
    expect(endedInMs).toBeLessThan(40_000);
    expect(record.state).toBe('failed');
    expect(record.error?.code).toBe('device-lost');
    const stored = await farm.studio.invoke('run:samples', { runId: run.runId, limit: 50_000 });
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value.samples).toEqual(streamedOf(run));
    expect(stored.value.samples.some(firstTokenOf(2))).toBe(true);
    expect(stored.value.samples.some((sample) => sample.kind === 'device')).toBe(true);
    const summary = record.summary!;
    expect(summary.repetitions.measured).toBeGreaterThanOrEqual(2);
    expect(summary.stats.ttftMs!.median).toBeGreaterThan(0);
    expect(summary.thermal.samples).toBeGreaterThan(0);
    const jobs = await farm.studio.invoke('job:list', {});
    expect(jobs.ok && jobs.value.jobs.find((job) => job.id === run.runId)?.state).toBe('failed');
    // The lease's release could not reach the phone then; it is retried, and done once the
    // phone is back (within its ttl), so the next run on the phone is not refused as busy.
    await phone.goOnline();
    const back = await farm.server.adb(['-s', phone.address, 'wait-for-device'], {
      timeout: 20_000,
    });
    expect(back.code).toBe(0);
    await waitForOnline(farm);
    for (let i = 0; i < 100 && (await phone.runShell(`ls ${leaseDir}`)).status === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await phone.runShell(`ls ${leaseDir}`)).status).not.toBe(0);
    expect(Date.now() - wentAt).toBeLessThan(30_000);
    const again = await startRun(farm, { ...smallRun, device: farm.keyOf(0), repetitions: 1 });
    const next = await again.ended;
    expect(next.error).toBeNull();
    expect(next.state).toBe('finished');
  }, 120_000);
});

describe('a link dropped mid-run (the phone reconnects at once)', () => {
  it('fails device-lost; the runner went with the link', async () => {
    const phone = farm.phones[1]!;
    const run = await startRun(farm, { ...smallRun, device: farm.keyOf(1), repetitions: 500 });
    await waitForSample(run, firstTokenOf(1));
    const droppedAt = Date.now();
    phone.dropLink();
    const record = await run.ended;
    expect(Date.now() - droppedAt).toBeLessThan(40_000);
    expect(record.state).toBe('failed');
    expect(record.error?.code).toBe('device-lost');
    expect(record.summary!.repetitions.measured).toBeGreaterThanOrEqual(1);
    const stored = await farm.studio.invoke('run:samples', { runId: run.runId, limit: 50_000 });
    expect(stored.ok && stored.value.samples).toEqual(streamedOf(run));
    for (let i = 0; i < 50 && phone.processes.children().length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await runnersOnPhone(phone)).toEqual([]);
    // Its lease could not be released over the dropped link: at most ttl (30 s) of it is left.
    const lease = await phone.runShell('cat /data/local/tmp/edge-studio/lease/holder');
    if (lease.status === 0) {
      const holder = JSON.parse(lease.stdout) as { owner: string; expiresAt: number };
      expect(holder.owner).toBe(`edge-studio run ${run.runId}`);
      expect(holder.expiresAt).toBeLessThanOrEqual(droppedAt + 30_000);
    }
  }, 120_000);
});

async function waitForOnline(farm: RunFarm): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const listed = await farm.studio.invoke('device:list', {});
    const up = listed.ok && listed.value.devices.find((device) => device.key === farm.keyOf(0));
    if (up && up.state === 'device') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the phone never came back');
}
