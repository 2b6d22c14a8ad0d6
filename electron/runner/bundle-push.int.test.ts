import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@devicefarmer/adbkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunnerLine } from '../../shared/runner-events';
import { createAdbClient } from '../core/devices/adbkit';
import { cacheDir } from '../core/devices/push/cache-layout';
import { bundleDeviceDir, bundleTar, pushBundle } from '../core/runs/runtimes/bundle-push';
import { deviceLaunchLine, type BundleManifest } from '../core/runs/runtimes/runtime-bundle';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../emulator/phone-farm';
import { findPreset } from '../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../emulator/testing-adb';
import { demoGraph, testBundle, writeDemoPlan } from './testing-runner';

// The x86-64 bundle through the real adb server: one tar into the phone's content-addressed
// cache, unpacked by the phone's tar under rt/<hash>/, launched from there; again, nothing moves.
process.env.ORT_DISABLE_TELEMETRY = '1';
let server: TestAdbServer;
let phone: EmulatedPhone;
let client: Client;
let bundle: { dir: string; manifest: BundleManifest };
let work: string;

beforeAll(async () => {
  bundle = await testBundle('x86_64');
  work = await mkdtemp(join(tmpdir(), 'edge-runner-bundle-push-'));
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('sd8gen3')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone!)).ok).toBe(true);
  client = createAdbClient({ host: '127.0.0.1', port: server.port });
}, 180_000);

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  await rm(work, { recursive: true, force: true });
});

const adb = (args: string[]) => server.adb(['-s', phone.address, ...args], { timeout: 120_000 });

/** Pushes the bundle the studio's way, timed. */
async function push() {
  const started = performance.now();
  const target = { ...targetOf(server), serial: phone.address };
  const pushed = await pushBundle(client.getDevice(phone.address), bundle, { adb: target });
  if (!pushed.ok) throw new Error(pushed.error.message);
  return { ...pushed.value, ms: performance.now() - started };
}

/** Runs the demo plan with the runner of the unpacked bundle; returns the events. */
async function runFrom(dir: string) {
  const local = join(work, 'run');
  await writeDemoPlan(local, [1, 2, 3, 4, 5, 6, 7, 8, 9], {}, { chunk: 8, graph: 'graph.onnx' });
  await copyFile(demoGraph, join(local, 'graph.onnx'));
  const runDir = '/data/local/tmp/edge-studio/runs/bundle-push';
  for (const file of ['graph.onnx', 'prompt.i32', 'plan.json'])
    expect((await adb(['push', join(local, file), `${runDir}/${file}`])).code).toBe(0);
  const line = deviceLaunchLine(bundle.manifest, dir, `${runDir}/plan.json`);
  if (!line.ok) throw new Error(line.error.message);
  const result = await adb(['shell', line.value]);
  return result.stdout
    .trim()
    .split('\n')
    .flatMap((text) => {
      const parsed = parseRunnerLine(text);
      return parsed.ok ? [parsed.value] : [];
    });
}

describe('a runtime bundle in the phone’s content-addressed cache', () => {
  it('is pushed once as a tar, unpacked under rt/<hash>/, run from there, and skipped after', async () => {
    const tar = await bundleTar(bundle);
    expect(await bundleTar(bundle)).toBe(tar); // written once per bundle hash
    const first = await push();
    expect(first).toMatchObject({ dir: bundleDeviceDir(bundle.manifest), pushed: true });
    expect(first.unpacked).toBe(true);
    const listing = await adb(['shell', `ls ${first.dir}`]);
    const names = listing.stdout.split(/\s+/).filter(Boolean).sort();
    expect(names).toEqual(['bundle.json', ...bundle.manifest.files.map((f) => f.name)].sort());
    const sums = await adb(['shell', `sha256sum ${first.dir}/edge-runner`]);
    const runner = bundle.manifest.files.find((file) => file.name === 'edge-runner')!;
    expect(sums.stdout).toContain(runner.sha256);
    expect((await runFrom(first.dir)).at(-1)).toEqual({ ev: 'done' });

    const second = await push();
    expect(second).toMatchObject({ dir: first.dir, pushed: false, unpacked: false });
    expect((await runFrom(second.dir)).at(-1)).toEqual({ ev: 'done' });
    const cache = await adb(['shell', `ls ${cacheDir}`]);
    expect(cache.stdout.split(/\s+/).filter(Boolean)).toHaveLength(1);
    console.log(
      `bundle tar ${(first.tarBytes / 1e6).toFixed(1)} MB: push + unpack ${first.ms.toFixed(0)} ms, second push ${second.ms.toFixed(0)} ms`,
    );
  });

  it('unpacks again from the cache when the folder is gone, without pushing', async () => {
    const dir = bundleDeviceDir(bundle.manifest);
    expect((await adb(['shell', `rm -rf ${dir}`])).code).toBe(0);
    const again = await push();
    expect(again).toMatchObject({ pushed: false, unpacked: true });
    expect((await runFrom(again.dir)).at(-1)).toEqual({ ev: 'done' });
  });
});
