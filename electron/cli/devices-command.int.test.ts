import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedPushResult, FarmSnapshot } from '../../shared/device';
import type { WatchedSample } from '../../shared/device-sample';
import { studioRoot } from '../core/paths';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { choosePresets, connectPhone, startPhones, stopPhones } from '../emulator/phone-farm';
import type { PhonePreset } from '../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../emulator/testing-adb';

const run = promisify(execFile);
let server: TestAdbServer;
let phones: EmulatedPhone[];
const data = mkdtempSync(join(tmpdir(), 'edge-studio-devices-cli-'));

beforeAll(async () => {
  server = await startTestAdbServer();
  phones = await startPhones((choosePresets(2, []) as { value: PhonePreset[] }).value);
  for (const phone of phones) await connectPhone(targetOf(server), phone);
});

afterAll(async () => {
  await stopPhones(targetOf(server), phones);
  await server.stop();
  rmSync(data, { recursive: true, force: true });
});

describe('edge-studio devices', () => {
  it('lists the farm as JSON, phones identified by ro.serialno and labelled emulated', async () => {
    const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
    const address = `127.0.0.1:${server.port}`;
    const args = [bin, '--data', data, '--adb', address, 'devices'];
    const env = { ...process.env, ANDROID_SERIAL: phones[1]!.serial };
    const { stdout } = await run(process.execPath, [...args, '--json'], { env });
    const farm = JSON.parse(stdout) as FarmSnapshot;
    expect(farm.hosts).toEqual([{ address, status: 'up', message: null }]);
    expect(farm.devices.map((device) => device.serialno).sort()).toEqual(
      phones.map((phone) => phone.serial).sort(),
    );
    expect(farm.devices.every((device) => device.emulated && device.state === 'device')).toBe(true);
    const defaults = farm.devices.filter((device) => device.isDefault);
    expect(defaults.map((device) => device.serialno)).toEqual([phones[1]!.serial]);
    const text = (await run(process.execPath, args)).stdout;
    expect(text).toContain(`${phones[0]!.serial}  device  ${phones[0]!.preset.model}`);
    expect(text).toContain('(emulated)');
  });

  it('streams samples of a phone named by serial, memory of a pid included', async () => {
    const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
    const base = [bin, '--data', data, '--adb', `127.0.0.1:${server.port}`, 'devices', 'sample'];
    const serial = phones[0]!.serial;
    const flags = ['--interval', '200', '--count', '2', '--json', '--pid', '1'];
    const { stdout } = await run(process.execPath, [...base, serial, ...flags]);
    const samples = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as WatchedSample);
    expect(samples).toHaveLength(2);
    expect(samples[0]!.deviceKey).toBe(`127.0.0.1:${server.port}/${serial}`);
    expect(samples[1]!.sample.memory?.vmRssKb).toBeGreaterThan(0);
    expect(samples[1]!.sample.tMs).toBeGreaterThanOrEqual(150);
    const gone = run(process.execPath, [...base, serial, '--pid', '99999', '--count', '1']);
    await expect(gone).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('99999 is not running'),
    });
    const unknown = run(process.execPath, [...base, 'NOPE', '--count', '1']);
    await expect(unknown).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No phone NOPE'),
    });
  });

  it('pushes a file into the cache of a phone, then finds it there; a missing file fails', async () => {
    const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
    const base = [bin, '--data', data, '--adb', `127.0.0.1:${server.port}`, 'devices', 'push'];
    const file = join(data, 'artifact.bin');
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    writeFileSync(file, bytes);
    const serial = phones[1]!.serial;
    const first = await run(process.execPath, [...base, file, serial, '--json']);
    const pushed = JSON.parse(first.stdout) as CachedPushResult;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(pushed).toEqual({
      remotePath: `/data/local/tmp/edge-studio/cache/${sha256}`,
      sha256,
      bytes: bytes.length,
      skipped: false,
    });
    const onPhone = await phones[1]!.runShell(`sha256sum ${pushed.remotePath}`);
    expect(onPhone.stdout).toContain(sha256);
    const again = await run(process.execPath, [...base, file, serial]);
    expect(again.stdout).toContain('was already on');
    const missing = run(process.execPath, [...base, join(data, 'nope.bin'), serial]);
    await expect(missing).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Cannot read'),
    });
  });
});
