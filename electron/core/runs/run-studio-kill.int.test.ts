import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStudio } from '../../../shared/local-studio';
import { adbServerAt } from '../devices/adb-server';
import { createAdbClient } from '../devices/adbkit';
import { openDatabase } from '../store/database';
import { interruptedError, RunRepo } from '../store/run-repo';
import { createStudioCore } from '../studio-core';
import { tempDataDir } from '../testing';
import { findRunnerProcesses, isAlive, stopRunner } from './phone/stop-runner';
import { startRunFarm, type RunFarm } from './testing-run-farm';
import { smallRun } from './testing-run-waits';

// A studio SIGKILLed mid-run (a child process driving a real run on the farm's phone): every
// batch it reported persisted is in its store, and the next studio marks the run interrupted.
const studioScript = fileURLToPath(new URL('./testing-run-studio.ts', import.meta.url));
let farm: RunFarm;
let data: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
  farm.phones[0]!.programsSurviveHangUp = true;
  data = tempDataDir();
}, 120_000);

afterAll(async () => {
  await farm.stop();
  data.cleanup();
});

/** Runs the child studio; SIGKILLs it at the `killAfter`-th batch of the run; its lines. */
function killStudioMidRun(killAfter: number): Promise<string[]> {
  const request = JSON.stringify({ ...smallRun, repetitions: 500 });
  const args = [data.dir, String(farm.server.port), farm.keyOf(0), request];
  const child = spawn(process.execPath, ['--import', 'tsx', studioScript, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
  });
  const lines: string[] = [];
  let batches = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && batches >= killAfter) resolve(lines);
      else reject(new Error(`the studio exited ${code ?? signal}: ${lines.join(' | ')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('batch ') && lines.includes('state running')) batches++;
      if (batches === killAfter) child.kill('SIGKILL');
    });
  });
}

describe('a studio SIGKILLed mid-run', () => {
  it('loses no reported batch; the next studio shows the run failed, interrupted', async () => {
    const lines = await killStudioMidRun(20);
    const runId = lines.find((line) => line.startsWith('run '))!.slice(4);
    const reported = lines
      .filter((line) => line.startsWith('batch '))
      .map((l) => Number(l.slice(6)));
    const lastReported = Math.max(...reported);
    const db = openDatabase(data.dir);
    const repo = new RunRepo(db);
    const stored = repo.get(runId)!;
    expect(stored.state).toBe('running');
    // Every reported batch is there, in order; at most the batch being written is not.
    const samples = repo.samples(runId, { limit: 100_000 });
    expect(stored.samples).toBe(samples.length);
    expect(samples.length).toBeGreaterThan(lastReported);
    expect(samples.map((sample) => sample.i)).toEqual(samples.map((_, index) => index));
    expect(samples.some((s) => s.kind === 'runner' && s.event.ev === 'first_token')).toBe(true);
    db.close();
    // The runner the killed studio launched lives on (this phone keeps orphans, as where adbd
    // only closes the pipes): found by its plan path, still running, until it is stopped.
    const hello = samples.find((s) => s.kind === 'runner' && s.event.ev === 'hello');
    const pid = hello?.kind === 'runner' && hello.event.ev === 'hello' ? hello.event.pid : -1;
    const plan = `/data/local/tmp/edge-studio/runs/${runId}/timed/plan.json`;
    const device = createAdbClient({ host: '127.0.0.1', port: farm.server.port }).getDevice(
      farm.phones[0]!.address,
    );
    expect(await findRunnerProcesses(device, plan)).toEqual({ ok: true, value: [pid] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await isAlive(device, pid)).toEqual({ ok: true, value: true });
    const stopped = await stopRunner(device, pid);
    expect(stopped.ok && stopped.value.how).toBe('terminated');
    expect(await findRunnerProcesses(device, plan)).toEqual({ ok: true, value: [] });
    // A new studio on the same store marks the run of its dead owner interrupted.
    const address = adbServerAt(`127.0.0.1:${farm.server.port}`);
    if (!address.ok) throw new Error(address.error.message);
    const core = createStudioCore({ host: 'cli', dataDir: data.dir, farm: [address.value] });
    try {
      const studio = createLocalStudio(core.handlers, core.events);
      const record = await studio.invoke('run:get', { runId });
      expect(record.ok && record.value).toMatchObject({
        state: 'failed',
        error: interruptedError,
        samples: samples.length,
      });
    } finally {
      core.close();
    }
  }, 150_000);
});
