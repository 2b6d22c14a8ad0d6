import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createAdbClient } from '../core/devices/adbkit';
import { pushBundle } from '../core/runs/runtimes/bundle-push';
import {
  deviceLaunchLine,
  loaderArgv,
  runnerEnvironment,
} from '../core/runs/runtimes/runtime-bundle';
import { runAdb, type AdbTarget } from '../emulator/phone-farm';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { demoGraph, testBundle, writeDemoPlan } from '../runner/testing-runner';
import { medianOf, type Benchmark } from './benchmark';
import { withPhone } from './emulator-push';

const samples = 7;
const prompt = Array.from({ length: 32 }, (_, i) => (i * 41 + 5) % 256);

/**
 * Launch → first_token of edge-runner on an emulated x86_64 phone whose runtime bundle is already
 * in its cache: `adb shell` of the launch line until the first_token line arrives, median of 7.
 * Baseline: the same bundle and plan launched on the host without adb. Reported, no goal.
 */
export const runnerColdStart: Benchmark = {
  name: 'runner-cold-start',
  description:
    'launch → first token of a cached edge-runner bundle on an emulated phone, ms, median of 7',
  async run() {
    process.env.ORT_DISABLE_TELEMETRY = '1';
    const bundle = await testBundle('x86_64');
    const work = await mkdtemp(join(tmpdir(), 'edge-studio-bench-runner-'));
    try {
      const { planPath } = await writeDemoPlan(
        work,
        prompt,
        { decode_tokens: 0 },
        { graph: 'graph.onnx' },
      );
      await copyFile(demoGraph, join(work, 'graph.onnx'));
      const host = loaderArgv(bundle.manifest, bundle.dir, planPath);
      const baseline = await medianOf(samples, () =>
        untilFirstToken(host[0]!, host.slice(1), runnerEnvironment(join(work, 'env'))),
      );
      const value = await withPhone(async (target, phone) => {
        const line = await pushRun(target, phone, bundle, work);
        return medianOf(samples, () =>
          untilFirstToken(
            target.adbPath,
            ['-P', String(target.port), '-s', phone.address, 'shell', line],
            {},
          ),
        );
      });
      return {
        value,
        unit: 'ms',
        baseline: { label: 'the same launch on the host, no adb', value: baseline },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};

/**
 * Puts the bundle in the phone's cache the studio's way (pushBundle: its tar, unpacked by the
 * phone's tar) and pushes the run once, returning the launch line.
 */
async function pushRun(
  target: AdbTarget,
  phone: EmulatedPhone,
  bundle: Awaited<ReturnType<typeof testBundle>>,
  work: string,
): Promise<string> {
  const client = createAdbClient({ host: target.host, port: target.port });
  const placed = await pushBundle(client.getDevice(phone.address), bundle, {
    adb: { ...target, serial: phone.address },
  });
  if (!placed.ok) throw new Error(placed.error.message);
  const rt = placed.value.dir;
  const run = '/data/local/tmp/edge-studio/runs/cold-start';
  const pushes = ['graph.onnx', 'prompt.i32', 'plan.json'].map((file) => [
    join(work, file),
    `${run}/${file}`,
  ]);
  for (const [from, to] of pushes) {
    const pushed = await runAdb(target, ['-s', phone.address, 'push', from!, to!], 120_000);
    if (!pushed.ok) throw new Error(pushed.error.message);
  }
  const line = deviceLaunchLine(bundle.manifest, rt, `${run}/plan.json`);
  if (!line.ok) throw new Error(line.error.message);
  return line.value;
}

/** ms from spawning `file` until it prints a first_token line (then it is left to finish). */
function untilFirstToken(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<number> {
  const started = performance.now();
  const child = spawn(file, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let at = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!at && line.includes('"ev":"first_token"')) at = performance.now() - started;
    });
    child.once('error', reject);
    child.once('close', () =>
      at ? resolve(at) : reject(new Error(`${file}: no first_token line`)),
    );
  });
}
