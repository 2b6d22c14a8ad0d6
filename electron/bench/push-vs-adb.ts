import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdbClient } from '../core/devices/adbkit';
import { cachedPush } from '../core/devices/push/cached-push';
import { cacheDir } from '../core/devices/push/cache-layout';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { runAdb, type AdbTarget } from '../emulator/phone-farm';
import { medianOf, type Benchmark, type BenchFigure } from './benchmark';
import { withPhone } from './emulator-push';

const size = 256 * 1024 * 1024;
const samples = 3;

/** Seconds of one studio push into an emptied cache. */
async function studioPush(
  target: AdbTarget,
  phone: EmulatedPhone,
  file: string,
  verify: boolean,
): Promise<number> {
  await phone.runShell(`rm -rf ${cacheDir}`);
  const device = createAdbClient({ host: target.host, port: target.port }).getDevice(phone.address);
  const started = performance.now();
  const adb = { ...target, serial: phone.address };
  const pushed = await cachedPush(device, file, { verify, adb });
  if (!pushed.ok || pushed.value.skipped) throw new Error(JSON.stringify(pushed));
  return (performance.now() - started) / 1000;
}

async function adbPushSeconds(target: AdbTarget, phone: EmulatedPhone, file: string) {
  const started = performance.now();
  const pushed = await runAdb(
    target,
    ['-s', phone.address, 'push', file, '/data/local/tmp/adb.bin'],
    120_000,
  );
  if (!pushed.ok) throw new Error(pushed.error.message);
  return (performance.now() - started) / 1000;
}

/** Runs `measure` on a 256 MiB random file against one emulated phone. */
async function withPayload<T>(
  measure: (target: AdbTarget, phone: EmulatedPhone, file: string) => Promise<T>,
) {
  const work = mkdtempSync(join(tmpdir(), 'edge-studio-bench-studio-push-'));
  const file = join(work, 'payload.bin');
  writeFileSync(file, randomBytes(size));
  try {
    return await withPhone((target, phone) => measure(target, phone, file));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The studio's push (content-addressed cache, no verify) of 256 MiB vs `adb push` of the same
 * file in the same run: ratio of throughputs, median of 3 each. The studio push includes hashing
 * the file locally, the cache lookup, the free-space check and the move into place.
 */
export const pushVsAdb: Benchmark = {
  name: 'push-vs-adb',
  description:
    'studio push (no verify) vs `adb push` of 256 MiB to an emulated phone, throughput ratio',
  run: () =>
    withPayload(async (target, phone, file): Promise<BenchFigure> => {
      const adb = await medianOf(samples, () => adbPushSeconds(target, phone, file));
      const studio = await medianOf(samples, () => studioPush(target, phone, file, false));
      return {
        value: adb / studio,
        unit: '× adb push throughput',
        goal: { op: '>=', value: 0.95 },
        baseline: { label: `\`adb push\` = 1 (${Math.round(size / 1e6 / adb)} MB/s)`, value: 1 },
      };
    }),
};

/** What on-phone `sha256sum` verification adds to a studio push, in percent of push time. */
export const pushVerifyCost: Benchmark = {
  name: 'push-verify-cost',
  description: 'extra time of the verified studio push of 256 MiB, percent of the unverified one',
  run: () =>
    withPayload(async (target, phone, file): Promise<BenchFigure> => {
      const plain = await medianOf(samples, () => studioPush(target, phone, file, false));
      const verified = await medianOf(samples, () => studioPush(target, phone, file, true));
      return {
        value: ((verified - plain) / plain) * 100,
        unit: '% of push time',
      };
    }),
};
