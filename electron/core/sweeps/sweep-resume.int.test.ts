import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioApi } from '../../../shared/contract';
import { createLocalStudio } from '../../../shared/local-studio';
import type { SweepPoint } from '../../../shared/sweep';
import { adbServerAt } from '../devices/adb-server';
import { createAdbClient } from '../devices/adbkit';
import { leaseDir } from '../devices/lease/device-lease';
import { findRunnerProcesses } from '../runs/phone/stop-runner';
import { startRunFarm, type RunFarm } from '../runs/testing-run-farm';
import { openDatabase } from '../store/database';
import { sweepInterruptedError } from '../../../shared/sweep';
import { SweepRepo } from '../store/sweep-repo';
import { createStudioCore } from '../studio-core';
import { tempDataDir } from '../testing';
import { runPlanPaths } from './orphan-cleanup';
import { smallSweep, sweepEnded } from './testing-sweep-farm';

// A studio SIGKILLed mid-sweep (a child process), then resumed by the next studio: no finished
// run runs again, none is lost, and the runner the dead run left (these phones keep orphans, as
// where adbd only closes the pipes) is gone, with its lease.
const studioScript = fileURLToPath(new URL('./testing-sweep-studio.ts', import.meta.url));
// Enough repetitions that the orphan is still running when the next studio looks for it.
const profile = { ...smallSweep, repetitions: 30 };
let farm: RunFarm;
let data: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3', 'sd8gen3', 'tensorg3']);
  for (const phone of farm.phones) phone.programsSurviveHangUp = true;
  data = tempDataDir();
}, 120_000);

afterAll(async () => {
  await farm.stop();
  data.cleanup();
});

/** Runs the child studio; SIGKILLs it once a point finished and another's runner is going. */
function killStudioMidSweep(): Promise<string[]> {
  const keys = farm.phones.map((_, index) => farm.keyOf(index)).join(',');
  const args = [data.dir, String(farm.server.port), keys, JSON.stringify(profile)];
  const child = spawn(process.execPath, ['--import', 'tsx', studioScript, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
  });
  const lines: string[] = [];
  const finished = new Set<string>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && finished.size > 0) resolve(lines);
      else reject(new Error(`the studio exited ${code ?? signal}: ${lines.join(' | ')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const [kind, , , status, run] = line.split(' ');
      if (kind === 'point' && status === 'finished') finished.add(run!);
      const runner = line.startsWith('runner ') ? line.slice(7) : null;
      if (runner && finished.size > 0 && !finished.has(runner)) child.kill('SIGKILL');
    });
  });
}

/**
 * Before any resume, the next studio lists and shows the sweep ended, interrupted (resumable),
 * its points as the dead studio left them.
 */
async function expectInterrupted(studio: StudioApi, sweepId: string, points: SweepPoint[]) {
  const listed = await studio.invoke('sweep:list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  const ending = { state: 'failed', error: sweepInterruptedError };
  expect(listed.value.sweeps.find((sweep) => sweep.id === sweepId)).toMatchObject(ending);
  const got = await studio.invoke('sweep:get', { sweepId });
  if (!got.ok) throw new Error(got.error.message);
  expect(got.value.sweep).toMatchObject(ending);
  expect(got.value.sweep.endedAt).not.toBeNull();
  expect(got.value.points).toEqual(points);
}

describe('a sweep whose studio was SIGKILLed', () => {
  it('is interrupted for the next studio, which resumes it without running a finished run again, losing none, leaving no runner', async () => {
    const lines = await killStudioMidSweep();
    const sweepId = lines.find((line) => line.startsWith('sweep '))!.slice(6);
    const db = openDatabase(data.dir);
    const before = new SweepRepo(db).points(sweepId);
    // As the dead studio left it: live in the store.
    expect(new SweepRepo(db).get(sweepId)!.state).toBe('running');
    db.close();
    const finishedBefore = before.filter((point) => point.status === 'finished');
    const interrupted = before.filter((point) => point.status === 'running');
    expect(finishedBefore.length).toBeGreaterThan(0);
    expect(interrupted.length).toBeGreaterThan(0);
    // The killed run's runner lives on on its phone, found by its plan path.
    const client = createAdbClient({ host: '127.0.0.1', port: farm.server.port });
    const deviceOf = (key: string) =>
      client.getDevice(
        farm.phones[farm.phones.findIndex((_, i) => farm.keyOf(i) === key)]!.address,
      );
    const runnersOf = async (runId: string, key: string) => {
      const found = await Promise.all(
        runPlanPaths(runId, 0).map((plan) => findRunnerProcesses(deviceOf(key), plan)),
      );
      return found.flatMap((each) => (each.ok ? each.value : [-1]));
    };
    const orphans = await Promise.all(
      interrupted.map((point) => runnersOf(point.runIds.at(-1)!, point.deviceKey)),
    );
    expect(orphans.flat().length).toBeGreaterThan(0);
    // The next studio resumes it.
    const address = adbServerAt(`127.0.0.1:${farm.server.port}`);
    if (!address.ok) throw new Error(address.error.message);
    const core = createStudioCore({ host: 'cli', dataDir: data.dir, farm: [address.value] });
    try {
      const studio = createLocalStudio(core.handlers, core.events);
      await expectInterrupted(studio, sweepId, before);
      const resumed = await studio.invoke('sweep:resume', { sweepId });
      if (!resumed.ok) throw new Error(resumed.error.message);
      const { sweep, points } = await sweepEnded(studio, sweepId, 240_000);
      expect(sweep.state).toBe('finished');
      expect(sweep.counts).toMatchObject({ planned: 6, done: 6, failed: 0 });
      // Finished before: the same run, not run again.
      for (const point of finishedBefore) {
        const after = points.find(
          (each) => each.pointKey === point.pointKey && each.plannedDevice === point.plannedDevice,
        )!;
        expect(after.runIds).toEqual(point.runIds);
      }
      // Interrupted: run again, the dead run kept in its history.
      for (const point of interrupted) {
        const after = points.find(
          (each) => each.pointKey === point.pointKey && each.plannedDevice === point.plannedDevice,
        )!;
        expect(after.runIds.slice(0, point.runIds.length)).toEqual(point.runIds);
        expect(after.runIds.length).toBe(point.runIds.length + 1);
      }
      const runs = await studio.invoke('run:list', { sweepId });
      if (!runs.ok) throw new Error(runs.error.message);
      const finishedRuns = runs.value.runs.filter((run) => run.state === 'finished');
      expect(new Set(finishedRuns.map((run) => run.id))).toEqual(
        new Set(points.map((point) => point.runIds.at(-1))),
      );
      // No runner of any of the sweep's runs is left on a phone, nor a lease.
      for (const run of runs.value.runs) expect(await runnersOf(run.id, run.deviceKey)).toEqual([]);
      for (const phone of farm.phones) {
        const lease = await phone.runShell(`ls ${leaseDir}`);
        expect(lease.status).not.toBe(0);
      }
    } finally {
      core.close();
    }
  }, 300_000);
});
