import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushProgress } from '../../../../shared/device';
import { StudioEventBus } from '../../../../shared/event-bus';
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
const progress: PushProgress[] = [];
bus.subscribe((event) => {
  if (event.channel === 'device:onDidPushProgress') progress.push(event.payload);
});

beforeAll(async () => {
  server = await startTestAdbServer();
  [phone] = await startPhones([findPreset('sd8gen3')!]);
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
async function slowPush(service: DeviceService, pushId: string) {
  const file = join(work, `${pushId}.bin`);
  writeFileSync(file, randomBytes(16 * 1024 * 1024));
  phone.link.bytesPerSecond = 4e6;
  const outcome = pushHandler(service, bus)({ key, file, verify: true, pushId });
  let ended: unknown = null;
  void outcome.then((result) => (ended = result));
  while (!progress.some((p) => p.pushId === pushId && p.phase === 'pushing' && p.bytes > 0)) {
    if (ended) throw new Error(`the push ended before sending: ${JSON.stringify(ended)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { file, outcome };
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
  it('is cancelled by its id, refuses a second push under the same id, and caches nothing', async () => {
    const service = await farmWithPhone();
    try {
      const { file, outcome } = await slowPush(service, 'p1');
      const twin = await pushHandler(service, bus)({ key, file, verify: true, pushId: 'p1' });
      expect(twin).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
      expect(service.pushes.cancel('p1')).toBe(true);
      expect(await outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(progress.filter((p) => p.pushId === 'p1').at(-1)?.phase).toBe('cancelled');
      expect(service.pushes.cancel('p1')).toBe(false);
      expect(await settledCache()).toEqual([]);
    } finally {
      phone.link.bytesPerSecond = 0;
      service.stop();
    }
  });

  it('is cancelled when the studio stops, and none starts after', async () => {
    const service = await farmWithPhone();
    try {
      const { file, outcome } = await slowPush(service, 'p2');
      service.stop();
      expect(await outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      const late = await pushHandler(service, bus)({ key, file, verify: true, pushId: 'p3' });
      expect(late).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(await settledCache()).toEqual([]);
    } finally {
      phone.link.bytesPerSecond = 0;
    }
  });
});
