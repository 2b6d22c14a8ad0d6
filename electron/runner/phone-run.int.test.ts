import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunnerLine, type RunnerEvent } from '../../shared/runner-events';
import { createAdbClient } from '../core/devices/adbkit';
import { pushBundle as pushRuntimeBundle } from '../core/runs/runtimes/bundle-push';
import { deviceLaunchLine, type BundleManifest } from '../core/runs/runtimes/runtime-bundle';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { qemuNote } from '../emulator/phone-abi';
import { connectPhone, startPhones, stopPhones } from '../emulator/phone-farm';
import { findPreset } from '../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../emulator/testing-adb';
import { demoGraph, nodePlanLogits, testBundle, writeDemoPlan } from './testing-runner';

// Bundles pushed over the real adb server to emulated phones and run there: x86-64 natively,
// arm64 under qemu-aarch64 (few tokens: qemu is ~20x slower).
process.env.ORT_DISABLE_TELEMETRY = '1';
type Bundle = { dir: string; manifest: BundleManifest };
let server: TestAdbServer;
let x86Phone: EmulatedPhone;
let armPhone: EmulatedPhone;
let x86: Bundle;
let arm: Bundle;
let work: string;

beforeAll(async () => {
  [x86, arm] = [await testBundle('x86_64'), await testBundle('arm64-v8a')];
  work = await mkdtemp(join(tmpdir(), 'edge-runner-phone-'));
  server = await startTestAdbServer();
  x86Phone = (await startPhones([findPreset('sd8gen3')!]))[0]!;
  armPhone = (await startPhones([findPreset('tensorg3')!], { abi: 'arm64-v8a' }))[0]!;
  for (const phone of [x86Phone!, armPhone!])
    expect((await connectPhone(targetOf(server), phone)).ok).toBe(true);
}, 180_000);

afterAll(async () => {
  await stopPhones(targetOf(server), [x86Phone, armPhone]);
  await server.stop();
  await rm(work, { recursive: true, force: true });
});

const adb = (phone: EmulatedPhone, args: string[]) =>
  server.adb(['-s', phone.address, ...args], { timeout: 120_000 });

/** Puts a bundle on the phone the studio's way (its tar in the cache, unpacked); its folder. */
async function pushBundle(phone: EmulatedPhone, bundle: Bundle): Promise<string> {
  const client = createAdbClient({ host: '127.0.0.1', port: server.port });
  const target = { ...targetOf(server), serial: phone.address };
  const pushed = await pushRuntimeBundle(client.getDevice(phone.address), bundle, { adb: target });
  if (!pushed.ok) throw new Error(pushed.error.message);
  return pushed.value.dir;
}

/** Pushes a demo run (graph, prompt, plan) and runs it; returns the events and the logits. */
async function runOnPhone(
  phone: EmulatedPhone,
  bundle: Bundle,
  name: string,
  prompt: number[],
  options: { chunk: number; decodeTokens: number },
) {
  const local = join(work, name);
  const { plan } = await writeDemoPlan(local, prompt, {}, { ...options, graph: 'graph.onnx' });
  await copyFile(demoGraph, join(local, 'graph.onnx'));
  const runDir = `/data/local/tmp/edge-studio/runs/${name}`;
  for (const file of ['graph.onnx', 'prompt.i32', 'plan.json'])
    expect((await adb(phone, ['push', join(local, file), `${runDir}/${file}`])).code).toBe(0);
  const rtDir = await pushBundle(phone, bundle);
  const line = deviceLaunchLine(bundle.manifest, rtDir, `${runDir}/plan.json`);
  if (!line.ok) throw new Error(line.error.message);
  const started = performance.now();
  const result = await adb(phone, ['shell', line.value]);
  const wallMs = performance.now() - started;
  const parsed = result.stdout.trim().split('\n').map(parseRunnerLine);
  expect(parsed.filter((event) => !event.ok)).toEqual([]);
  const events = parsed.flatMap((event) => (event.ok ? [event.value] : []));
  expect(events.at(-1), result.stderr).toEqual({ ev: 'done' });
  expect(result.code).toBe(0);
  const output = events.find((event) => event.ev === 'output') as Extract<
    RunnerEvent,
    { ev: 'output' }
  >;
  const pulled = join(local, 'pulled.f32');
  expect((await adb(phone, ['pull', `${runDir}/${output.logits_file}`, pulled])).code).toBe(0);
  const bytes = await readFile(pulled);
  return {
    events,
    plan,
    wallMs,
    logits: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4),
    output,
  };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('edge-runner bundles on emulated phones, through adb', () => {
  it('an x86_64 phone runs the x86-64 bundle end to end, logits as onnxruntime-node', async () => {
    expect((await adb(x86Phone, ['shell', 'getprop ro.product.cpu.abi'])).stdout.trim()).toBe(
      'x86_64',
    );
    const prompt = Array.from({ length: 40 }, (_, i) => (i * 53 + 7) % 256);
    const run = await runOnPhone(x86Phone, x86, 'x86-demo', prompt, { chunk: 16, decodeTokens: 4 });
    expect(run.events[0]).toMatchObject({ ev: 'hello', ep: 'cpu' });
    expect(run.events.filter((event) => event.ev === 'chunk')).toHaveLength(3);
    expect(run.events.filter((event) => event.ev === 'token')).toHaveLength(4);
    const reference = await nodePlanLogits(
      {
        ...run.plan,
        graphs: {
          prefill: { ...run.plan.graphs.prefill, file: demoGraph },
          decode: { ...run.plan.graphs.decode!, file: demoGraph },
        },
      },
      prompt,
    );
    const flat = Float32Array.from(reference.flatMap((row) => [...row]));
    const diff = maxDiff(run.logits, flat);
    console.log(
      `x86-64 phone vs onnxruntime-node: max |Δlogit| ${diff}, run ${run.wallMs.toFixed(0)} ms`,
    );
    expect(diff).toBeLessThan(1e-5);
    // The runner wrote nothing outside its folders: HOME and TMPDIR are inside the bundle.
    const home = await adb(x86Phone, ['shell', `ls /data/local/tmp/edge-studio`]);
    expect(home.stdout.split(/\s+/).filter(Boolean).sort()).toEqual(['cache', 'rt', 'runs']);
    // and with ORT_DISABLE_TELEMETRY=1 ORT wrote nothing there either (no .ses, mat-debug, .cache).
    const rt = `/data/local/tmp/edge-studio/rt/${x86.manifest.hash}`;
    const written = await adb(x86Phone, ['shell', `ls ${rt}/home && ls ${rt}/tmp`]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
  });

  it('an arm64-v8a phone runs the arm64 bundle under qemu, logits as the x86-64 runner', async () => {
    expect((await adb(armPhone, ['shell', 'getprop ro.edge_studio.abi_note'])).stdout.trim()).toBe(
      qemuNote,
    );
    const prompt = Array.from({ length: 12 }, (_, i) => (i * 29 + 3) % 256);
    const options = { chunk: 8, decodeTokens: 1 };
    const armRun = await runOnPhone(armPhone, arm, 'arm-demo', prompt, options);
    const x86Run = await runOnPhone(x86Phone, x86, 'x86-small', prompt, options);
    const diff = maxDiff(armRun.logits, x86Run.logits);
    console.log(
      `arm64 (qemu) vs x86-64: max |Δlogit| ${diff}, qemu run ${armRun.wallMs.toFixed(0)} ms, x86 ${x86Run.wallMs.toFixed(0)} ms`,
    );
    expect(diff).toBeLessThan(1e-4);
    expect(armRun.output.tokens).toEqual(x86Run.output.tokens);
  });

  it('a runner over the memory budget is killed as the low-memory killer does', async () => {
    const rtDir = `/data/local/tmp/edge-studio/rt/${x86.manifest.hash}`;
    const line = deviceLaunchLine(
      x86.manifest,
      rtDir,
      '/data/local/tmp/edge-studio/runs/x86-demo/plan.json',
    );
    if (!line.ok) throw new Error(line.error.message);
    x86Phone.memoryBudgetMb = 24;
    const result = await adb(x86Phone, ['shell', line.value]);
    x86Phone.memoryBudgetMb = 0;
    expect(result.code).toBe(137);
    const log = (await adb(x86Phone, ['logcat', '-d'])).stdout;
    expect(log).toMatch(
      /lowmemorykiller: Kill 'ld-linux-x86-64.so.2' \(\d+\).*memory budget 24576kB exceeded/,
    );
  });

  it('an ELF of the other ABI is an Exec format error, as on a phone', async () => {
    const dir = await pushBundle(armPhone, x86);
    const result = await adb(armPhone, ['shell', `${dir}/edge-runner`]);
    expect(result.code).toBe(126);
    expect(result.stderr).toContain('Exec format error');
  });
});
