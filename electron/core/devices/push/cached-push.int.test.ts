import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@devicefarmer/adbkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedPhone } from '../../../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../../../emulator/phone-farm';
import { findPreset } from '../../../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../../emulator/testing-adb';
import { createAdbClient } from '../adbkit';
import { phoneTransport } from '../shell/testing-shell';
import { cachedPush } from './cached-push';
import { surveyCache } from './cache-survey';
import { cacheDir } from './cache-layout';

let server: TestAdbServer;
let phone: EmulatedPhone;
let client: Client;
const work = mkdtempSync(join(tmpdir(), 'edge-studio-push-'));

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('sd8gen3')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone!)).ok).toBe(true);
  client = createAdbClient({ host: '127.0.0.1', port: server.port });
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

function artifact(name: string, size: number): string {
  const path = join(work, name);
  writeFileSync(path, randomBytes(size));
  return path;
}

const cached = async () =>
  (await phone.runShell(`ls ${cacheDir}`)).stdout.split('\n').filter(Boolean);

describe('verified cached pushes over adb', () => {
  it('pushes with progress, verifies, and skips a second push of the same bytes', async () => {
    const file = artifact('a.bin', 3 * 1024 * 1024 + 5);
    const phases: string[] = [];
    let pushed = 0;
    const first = await cachedPush(client.getDevice(phone.address), file, {
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === 'pushing') pushed = p.bytes;
      },
    });
    expect(first.ok && first.value.skipped).toBe(false);
    expect(pushed).toBe(3 * 1024 * 1024 + 5);
    expect(phases).toEqual(expect.arrayContaining(['checking', 'pushing', 'verifying', 'done']));
    const sha = first.ok ? first.value.sha256 : '';
    expect((await phone.runShell(`sha256sum ${cacheDir}/${sha}`)).stdout).toContain(sha);
    const second = await cachedPush(client.getDevice(phone.address), file);
    expect(second.ok && second.value.skipped).toBe(true);
    expect(await cached()).toEqual([sha]);
  });

  it('reports DEVICE_LOST and leaves no cached file when the phone drops mid-push', async () => {
    const file = artifact('b.bin', 8 * 1024 * 1024);
    const before = await cached();
    phone.dropAfter(2 * 1024 * 1024);
    const result = await cachedPush(client.getDevice(phone.address), file);
    expect(result).toMatchObject({ ok: false, error: { code: 'device-lost' } });
    expect(result.ok ? '' : result.error.message).toContain('DEVICE_LOST');
    phone.dropAfter(0);
    await phone.goOnline().catch(() => undefined);
    await connectPhone(targetOf(server), phone);
    expect(await cached()).toEqual(before);
  });

  it('pushes through the adb binary with progress on the way, and skips a present file', async () => {
    const total = 32 * 1024 * 1024;
    const file = artifact('c.bin', total);
    const adb = { ...targetOf(server), serial: phone.address };
    const seen: number[] = [];
    phone.link.bytesPerSecond = 40e6;
    const result = await cachedPush(client.getDevice(phone.address), file, {
      adb,
      verify: false,
      onProgress: (p) => void (p.phase === 'pushing' && seen.push(p.bytes)),
    });
    phone.link.bytesPerSecond = 0;
    expect(result.ok && result.value.skipped).toBe(false);
    expect(seen.at(-1)).toBe(total);
    expect(seen.some((bytes) => bytes > 0 && bytes < total)).toBe(true);
    const sha = result.ok ? result.value.sha256 : '';
    expect(await cached()).toContain(sha);
    const again = await cachedPush(client.getDevice(phone.address), file, { adb, verify: false });
    expect(again.ok && again.value.skipped).toBe(true);
  });

  it('cancels a push and leaves nothing cached', async () => {
    const file = artifact('d.bin', 16 * 1024 * 1024);
    const before = await cached();
    const controller = new AbortController();
    phone.link.bytesPerSecond = 4e6;
    setTimeout(() => controller.abort(), 300);
    const result = await cachedPush(client.getDevice(phone.address), file, {
      signal: controller.signal,
    });
    phone.link.bytesPerSecond = 0;
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await cached()).toEqual(before);
  });

  it('honours a cancel in any phase: before sending, and while verifying', async () => {
    const file = artifact('e.bin', 2 * 1024 * 1024);
    const before = await cached();
    for (const at of ['checking', 'verifying'] as const) {
      const controller = new AbortController();
      const phases: string[] = [];
      const result = await cachedPush(client.getDevice(phone.address), file, {
        signal: controller.signal,
        onProgress: ({ phase }) => {
          phases.push(phase);
          if (phase === at) controller.abort();
        },
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(phases.at(-1)).toBe('cancelled');
      expect(phases.includes('pushing')).toBe(at === 'verifying');
      expect(await cached()).toEqual(before);
    }
  });
});

describe('surveying the cache in one round trip', () => {
  it('finds whole cached files by name and size, touches only those, and sizes other paths', async () => {
    const present = artifact('s1.bin', 64 * 1024);
    const missing = artifact('s2.bin', 1000);
    const pushed = await cachedPush(client.getDevice(phone.address), present);
    if (!pushed.ok) throw new Error(pushed.error.message);
    const entry = pushed.value.remotePath;
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(phone.fs.root, entry), old, old);
    const other = `${cacheDir}/../survey-other.txt`;
    await phone.runShell(`echo hello > ${other}`);
    const lines: string[] = [];
    const survey = await surveyCache(
      phoneTransport(phone, lines),
      [present, missing],
      [other, '/data/local/tmp/nothing-here'],
    );
    if (!survey.ok) throw new Error(survey.error.message);
    expect(lines).toHaveLength(1);
    expect(survey.value.files.map((file) => file.cached)).toEqual([true, false]);
    expect(survey.value.files[0]!.remotePath).toBe(entry);
    expect([...survey.value.others]).toEqual([[other, 6]]);
    expect(statSync(join(phone.fs.root, entry)).mtimeMs).toBeGreaterThan(old.getTime());
    expect(await cached()).not.toContain(survey.value.files[1]!.sha256);
  });

  it('counts a cached file of the wrong size as missing', async () => {
    const file = artifact('s3.bin', 4096);
    const pushed = await cachedPush(client.getDevice(phone.address), file);
    if (!pushed.ok) throw new Error(pushed.error.message);
    await phone.runShell(`echo cut > ${pushed.value.remotePath}`);
    const survey = await surveyCache(client.getDevice(phone.address), [file], []);
    expect(survey.ok && survey.value.files[0]!.cached).toBe(false);
  });
});
