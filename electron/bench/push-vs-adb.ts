import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdbClient } from '../core/devices/adbkit';
import { cachedPush } from '../core/devices/push/cached-push';
import { cacheDir } from '../core/devices/push/cache-layout';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { runAdb, type AdbTarget } from '../emulator/phone-farm';
import { pairedMedians, type Benchmark, type BenchFigure } from './benchmark';
import { withPhone } from './emulator-push';

const size = 256 * 1024 * 1024;
/**
 * One push of 256 MiB to the emulated phone varies by ±5–10 % on a 2-core machine (adb, its
 * server and the emulator share the CPUs), so the ratio needs many pairs: 31 put the standard
 * error of their Hodges–Lehmann estimate near 1.3 %, against the studio's ~1.5–2.5 % of fixed
 * cost (cache lookup, free-space check, move into place, progress polls) on a 0.6–1 s push.
 */
const pairs = 31;
/** The verify cost is tens of percent: fewer pairs resolve it. */
const verifyPairs = 11;
const adbTarget = '/data/local/tmp/adb.bin';

/** Every push starts from the same phone: an empty cache and no `adb push` target. */
async function emptyPhone(phone: EmulatedPhone): Promise<void> {
  await phone.runShell(`rm -rf ${cacheDir} ${adbTarget}`);
}

/** Seconds of one studio push into an emptied cache. */
async function studioPush(
  target: AdbTarget,
  phone: EmulatedPhone,
  file: string,
  verify: boolean,
): Promise<number> {
  await emptyPhone(phone);
  const device = createAdbClient({ host: target.host, port: target.port }).getDevice(phone.address);
  const started = performance.now();
  const adb = { ...target, serial: phone.address };
  const pushed = await cachedPush(device, file, { verify, adb });
  if (!pushed.ok || pushed.value.skipped) throw new Error(JSON.stringify(pushed));
  return (performance.now() - started) / 1000;
}

/** Seconds of one `adb push` to a path that does not exist (as the studio's temporary name). */
async function adbPushSeconds(target: AdbTarget, phone: EmulatedPhone, file: string) {
  await emptyPhone(phone);
  const started = performance.now();
  const pushed = await runAdb(target, ['-s', phone.address, 'push', file, adbTarget], 120_000);
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
 * file in the same run: the Hodges–Lehmann estimate of 31 interleaved pairs' throughput ratios,
 * after a warm-up pair. The studio push includes checking its memoised hash of the file (hashing
 * 256 MiB the first time adds ~170 ms), the cache lookup, the free-space check, progress and the
 * move into place.
 */
export const pushVsAdb: Benchmark = {
  name: 'push-vs-adb',
  description:
    'studio push (no verify) vs `adb push` of 256 MiB to an emulated phone, throughput ratio',
  run: () =>
    withPayload(async (target, phone, file): Promise<BenchFigure> => {
      const { a: adb, ratio } = await pairedMedians(
        pairs,
        () => adbPushSeconds(target, phone, file),
        () => studioPush(target, phone, file, false),
      );
      return {
        value: ratio,
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
      const { ratio } = await pairedMedians(
        verifyPairs,
        () => studioPush(target, phone, file, true),
        () => studioPush(target, phone, file, false),
      );
      return {
        value: (ratio - 1) * 100,
        unit: '% of push time',
      };
    }),
};
