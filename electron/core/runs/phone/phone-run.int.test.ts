import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerPlan } from '../../../../shared/runner-plan';
import type { RunnerEvent } from '../../../../shared/runner-events';
import type { EmulatedPhone } from '../../../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../../../emulator/phone-farm';
import { findPreset } from '../../../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../../emulator/testing-adb';
import { demoGraph, testBundle, writeDemoPlan } from '../../../runner/testing-runner';
import { createAdbClient } from '../../devices/adbkit';
import { pushBundle, type LocalBundle } from '../runtimes/bundle-push';
import { deviceLaunchLine } from '../runtimes/runtime-bundle';
import { captureLogcat } from './logcat-capture';
import { pullFile } from './pull-file';
import { sampleRun, type TimedDeviceSample } from './run-sampler';
import { launchRunner, type RunnerExit } from './runner-launch';
import { classifyRunnerExit } from './runner-exit';
import { findRunnerProcesses, stopRunner } from './stop-runner';

// The phone-side pieces of a run composed as a run session would, on an emulated x86_64 phone
// through the real adb server, with the pushed x86-64 bundle and the demo model.
process.env.ORT_DISABLE_TELEMETRY = '1';
let server: TestAdbServer;
let phone: EmulatedPhone;
let bundle: LocalBundle;
let rtDir: string;
let work: string;
const device = () =>
  createAdbClient({ host: '127.0.0.1', port: server.port }).getDevice(phone.address);

beforeAll(async () => {
  bundle = await testBundle('x86_64');
  work = await mkdtemp(join(tmpdir(), 'edge-phone-run-'));
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('sd8gen3')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone)).ok).toBe(true);
  const pushed = await pushBundle(device(), bundle, {
    adb: { ...targetOf(server), serial: phone.address },
  });
  if (!pushed.ok) throw new Error(pushed.error.message);
  rtDir = pushed.value.dir;
}, 120_000);

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  await rm(work, { recursive: true, force: true });
});

/** Pushes a demo run (graph, prompt, plan); its plan path on the phone and its launch line. */
async function pushRun(name: string, overrides: Partial<RunnerPlan> = {}) {
  const local = join(work, name);
  const prompt = Array.from({ length: 24 }, (_, i) => (i * 37 + 5) % 256);
  await writeDemoPlan(local, prompt, overrides, { chunk: 8, decodeTokens: 3, graph: 'graph.onnx' });
  await copyFile(demoGraph, join(local, 'graph.onnx'));
  const runDir = `/data/local/tmp/edge-studio/runs/${name}`;
  for (const file of ['graph.onnx', 'prompt.i32', 'plan.json']) {
    const pushed = await server.adb([
      '-s',
      phone.address,
      'push',
      join(local, file),
      `${runDir}/${file}`,
    ]);
    expect(pushed.code).toBe(0);
  }
  const line = deviceLaunchLine(bundle.manifest, rtDir, `${runDir}/plan.json`);
  if (!line.ok) throw new Error(line.error.message);
  return { plan: `${runDir}/plan.json`, runDir, line: line.value, local };
}

/** Launches a run with the sampler and logcat on, as a session would; `during` sees each event. */
async function run(
  line: string,
  during: (event: RunnerEvent, pid: number | null) => void = () => {},
) {
  const events: [RunnerEvent, number][] = [];
  const samples: TimedDeviceSample[] = [];
  const logcat = await captureLogcat(device(), { maxLines: 200 });
  const sampling = new AbortController();
  let sampler: Promise<void> = Promise.resolve();
  let pid: number | null = null;
  const launched = launchRunner(device(), line, {
    onEvent: (event, at) => {
      events.push([event, at]);
      if (event.ev === 'hello') {
        pid = event.pid;
        sampler = (async () => {
          for await (const sample of sampleRun(device(), {
            pid: event.pid,
            signal: sampling.signal,
          }))
            samples.push(sample);
        })();
      }
      during(event, pid);
    },
  });
  const exit = await launched;
  sampling.abort();
  await sampler;
  const lines = await logcat.stop();
  const lastMemory = samples.findLast((s) => s.sample.memory)?.sample.memory ?? null;
  return { exit, events, samples, logcat: lines, lastMemory, pid: pid as number | null };
}

const exitOf = (exit: Awaited<ReturnType<typeof launchRunner>>): RunnerExit => {
  if (!exit.ok) throw new Error(exit.error.message);
  return exit.value;
};

describe('a run on an emulated phone, piece by piece', () => {
  it('streams the runner events, samples it, captures logcat from now, pulls its logits', async () => {
    phone.logcat.log({ pid: 1, priority: 'I', tag: 'test', message: 'before-the-run' });
    const { line, runDir, local } = await pushRun('stream', { repetitions: 2 });
    const result = await run(line);
    const exit = exitOf(result.exit);
    expect(exit.exitCode).toBe(0);
    expect(exit.malformed).toBe(0);
    const kinds = result.events.map(([event]) => event.ev);
    expect(kinds[0]).toBe('hello');
    expect(kinds.at(-1)).toBe('done');
    expect(kinds.filter((kind) => kind === 'chunk')).toHaveLength(2 * 3);
    // Events arrive as the runner prints them, not at its exit.
    expect(result.events.at(-1)![1]).toBeGreaterThan(result.events[0]![1]);
    expect(exit.pid).toBe(result.pid);
    expect(result.samples.length).toBeGreaterThan(0);
    expect(result.samples[0]!.sample.memory!.vmRssKb).toBeGreaterThan(10_000);
    expect(result.samples[0]!.sample.thermal).not.toBeNull();
    expect(result.samples[0]!.sample.cpuFreqKhz.length).toBe(8);
    expect(result.logcat.join('\n')).not.toContain('before-the-run');
    expect(result.logcat.some((text) => text.includes(`Start proc ${result.pid}:`))).toBe(true);
    expect(
      classifyRunnerExit({ launch: result.exit, ...result, events: result.events.map(([e]) => e) }),
    ).toBeNull();
    const output = result.events.map(([e]) => e).findLast((e) => e.ev === 'output');
    if (output?.ev !== 'output' || !output.logits_file) throw new Error('no logits file');
    const pulled = await pullFile(
      device(),
      `${runDir}/${output.logits_file}`,
      join(local, 'l.f32'),
    );
    expect(pulled).toEqual({ ok: true, value: { bytes: output.rows * output.vocab * 4 } });
    expect((await readFile(join(local, 'l.f32'))).length).toBe(output.rows * output.vocab * 4);
    const missing = await pullFile(device(), `${runDir}/nothing.f32`, join(local, 'n.f32'));
    expect(!missing.ok && missing.error.code).toBe('not-found');
  });

  it('stops a runner mid-run and leaves no process', async () => {
    const { line, plan } = await pushRun('stop', { repetitions: 500 });
    let stopping: ReturnType<typeof stopRunner> | null = null;
    const result = await run(line, (event, pid) => {
      if (event.ev === 'token' && pid !== null && !stopping) stopping = stopRunner(device(), pid);
    });
    const stopped = await stopping!;
    expect(stopped.ok && stopped.value.how).toBe('terminated');
    expect(exitOf(result.exit).exitCode).toBe(143);
    expect(result.events.some(([event]) => event.ev === 'done')).toBe(false);
    expect(await findRunnerProcesses(device(), plan)).toEqual({ ok: true, value: [] });
    const ending = { launch: result.exit, ...result, events: result.events.map(([e]) => e) };
    expect(classifyRunnerExit({ ...ending, stopped: true })?.error.code).toBe('cancelled');
  });

  it('reports a runner over the memory budget as out-of-memory with the RSS it reached', async () => {
    const { line } = await pushRun('oom', { repetitions: 50 });
    phone.memoryBudgetMb = 40;
    const result = await run(line).finally(() => (phone.memoryBudgetMb = 0));
    expect(exitOf(result.exit).exitCode).toBe(137);
    const failure = classifyRunnerExit({
      launch: result.exit,
      ...result,
      events: result.events.map(([e]) => e),
    });
    expect(failure).toMatchObject({
      runnerCode: 'out-of-memory',
      error: { code: 'out-of-memory' },
    });
    expect(failure!.rssKb).toBeGreaterThan(40 * 1024);
    expect(failure!.logcatTail.some((text) => text.includes('lowmemorykiller: Kill'))).toBe(true);
  });

  it('reports a link dropped mid-run as device-lost, with the samples taken', async () => {
    const { line, plan } = await pushRun('drop', { repetitions: 500 });
    let dropped = false;
    const result = await run(line, (event) => {
      if (event.ev === 'token' && !dropped) {
        dropped = true;
        setTimeout(() => phone.dropLink(), 300);
      }
    });
    expect(!result.exit.ok && result.exit.error.code).toBe('disconnected');
    const failure = classifyRunnerExit({
      launch: result.exit,
      ...result,
      events: result.events.map(([e]) => e),
    });
    expect(failure?.error.code).toBe('device-lost');
    expect(result.samples.length).toBeGreaterThan(0);
    // adb reconnects the phone; its runner went with the link (the shell's hang-up).
    await server.adb(['-s', phone.address, 'wait-for-device'], { timeout: 20_000 });
    for (let i = 0; i < 20 && phone.processes.children().length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await findRunnerProcesses(device(), plan)).toEqual({ ok: true, value: [] });
  });
});
