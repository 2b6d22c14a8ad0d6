import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedPhone } from './emulated-phone';
import { choosePresets, connectPhone, startPhones, stopPhones } from './phone-farm';
import { startTestAdbServer, targetOf, type TestAdbServer } from './testing-adb';

let server: TestAdbServer;
let phones: EmulatedPhone[] = [];
const work = mkdtempSync(join(tmpdir(), 'edge-studio-farm-'));

beforeAll(async () => {
  server = await startTestAdbServer();
  const presets = choosePresets(8, []);
  if (!presets.ok) throw new Error(presets.error.message);
  phones = await startPhones(presets.value);
  const connected = await Promise.all(phones.map((phone) => connectPhone(targetOf(server), phone)));
  expect(connected.every((result) => result.ok)).toBe(true);
});

afterAll(async () => {
  await stopPhones(targetOf(server), phones);
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a farm of 8 emulated phones', () => {
  it('lists all 8, with distinct stable serials', async () => {
    const { stdout } = await server.adb(['devices', '-l']);
    for (const phone of phones) {
      // adb shows the model with every character but [A-Za-z0-9._] replaced by '_'.
      const model = phone.preset.model.replace(/[^A-Za-z0-9._]/g, '_');
      expect(stdout).toMatch(new RegExp(`${phone.address}\\s+device product:\\S+ model:${model} `));
    }
    expect(stdout.split('\n').filter((line) => /\sdevice\s/.test(line))).toHaveLength(8);
    expect(new Set(phones.map((phone) => phone.serial)).size).toBe(8);
    const again = await startPhones(phones.slice(0, 1).map((phone) => phone.preset));
    expect(again[0]!.serial).toBe(phones[0]!.serial);
    await stopPhones(null, again);
  });

  it('answers getprop and takes a push on every phone at once', async () => {
    const source = join(work, 'payload.bin');
    const bytes = randomBytes(4 * 1024 * 1024);
    writeFileSync(source, bytes);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const results = await Promise.all(
      phones.map(async (phone) => {
        const model = await server.adb(['-s', phone.address, 'shell', 'getprop ro.product.model']);
        const push = await server.adb([
          '-s',
          phone.address,
          'push',
          source,
          '/data/local/tmp/p.bin',
        ]);
        const sum = await server.adb([
          '-s',
          phone.address,
          'shell',
          'sha256sum /data/local/tmp/p.bin',
        ]);
        return {
          model: model.stdout.trim(),
          expected: phone.preset.model,
          push: push.code,
          sum: sum.stdout.split(' ')[0],
        };
      }),
    );
    for (const result of results) {
      expect(result).toEqual({
        model: result.expected,
        expected: result.expected,
        push: 0,
        sum: digest,
      });
    }
  });
});
