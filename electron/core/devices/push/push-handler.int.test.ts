import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioEventBus } from '../../../../shared/event-bus';
import type { JobSnapshot } from '../../../../shared/job';
import { JobRegistry } from '../../jobs/job-registry';
import type { EmulatedPhone } from '../../../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../../../emulator/phone-farm';
import { findPreset } from '../../../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../../emulator/testing-adb';
import { DeviceService } from '../device-service';
import { cacheDir } from './cache-layout';
import { pushHandler } from './push-handler';

let server: TestAdbServer;
let phone: EmulatedPhone;
let key: string;
const work = mkdtempSync(join(tmpdir(), 'edge-studio-push-handler-'));
const bus = new StudioEventBus();
const changes: JobSnapshot[] = [];
const newJobs = () => new JobRegistry({ onChange: (job) => changes.push(job) });
const transfers = (jobId: string) =>
  changes.flatMap((job) => (job.id === jobId && job.kind === 'device-push' ? [job] : []));

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('sd8gen3')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone!)).ok).toBe(true);
  key = `127.0.0.1:${server.port}/${phone!.serial}`;
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A farm over the test server, once it lists the phone by its serial number. */
async function farmWithPhone(): Promise<DeviceService> {
  const service = new DeviceService(bus, [`127.0.0.1:${server.port}`]);
  for (let tries = 0; tries < 300; tries++) {
    const listed = (await service.snapshot()).devices.find((device) => device.key === key);
    if (listed?.state === 'device') return service;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${key} never came up`);
}

/**
 * Starts a 16 MiB push over a 4 MB/s link; resolves once bytes are moving, with the push's
 * outcome still to come (wrapped, so that awaiting this does not await the push).
 */
async function slowPush(service: DeviceService, jobs: JobRegistry, name: string) {
  const file = join(work, `${name}.bin`);
  writeFileSync(file, randomBytes(16 * 1024 * 1024));
  phone.link.bytesPerSecond = 4e6;
  const started = await pushHandler(service, jobs)({ key, file, verify: true });
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value;
  const session = jobs.get(jobId)!;
  const moving = () =>
    transfers(jobId).some((job) => job.transfer?.phase === 'pushing' && job.transfer.bytes > 0);
  while (!moving()) {
    if (session.state !== 'pushing')
      throw new Error(`the push ended before sending: ${session.state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { file, jobId, outcome: session.done };
}

const cached = async () =>
  (await phone.runShell(`ls ${cacheDir}`)).stdout.split('\n').filter(Boolean);

/**
 * What the cache holds once the phone has seen the push's stream close: a killed `adb push`
 * leaves the phone's side of the transfer to end a moment later (adbd then unlinks its file).
 */
async function settledCache(): Promise<string[]> {
  for (let tries = 0; tries < 100; tries++) {
    const files = await cached();
    if (files.length === 0) return files;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return cached();
}

describe('device:push', () => {
  it('is a job: its id at once, its bytes on the way, cancelled by job id, nothing cached', async () => {
    const service = await farmWithPhone();
    const jobs = newJobs();
    try {
      const { jobId, outcome } = await slowPush(service, jobs, 'p1');
      expect(jobs.cancel(jobId)).toBe(true);
      expect(await outcome).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
      expect(transfers(jobId).at(-1)).toMatchObject({ state: 'cancelled' });
      expect(jobs.cancel(jobId)).toBe(false);
      expect(await settledCache()).toEqual([]);
    } finally {
      phone.link.bytesPerSecond = 0;
      service.stop();
    }
  });

  it('is cancelled when the studio closes its jobs, and none starts after', async () => {
    const service = await farmWithPhone();
    const jobs = newJobs();
    try {
      const { file, outcome } = await slowPush(service, jobs, 'p2');
      await jobs.close();
      expect(await outcome).toMatchObject({ state: 'cancelled' });
      const late = await pushHandler(service, jobs)({ key, file, verify: true });
      expect(late).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      service.stop();
      expect(await settledCache()).toEqual([]);
    } finally {
      phone.link.bytesPerSecond = 0;
    }
  });
});
