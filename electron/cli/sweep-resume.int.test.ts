import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioRoot } from '../core/paths';
import { sleep } from '../core/devices/sampling/device-sampler';
import { tempDataDir } from '../core/testing';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../emulator/phone-farm';
import { findPreset } from '../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../emulator/testing-adb';
import type { SweepDocument } from './sweep-summary';

// The studio SIGKILLed mid-sweep (`edge-studio sweep ci.yaml` in a child process), then
// `edge-studio sweep --resume ID`: the phones live in this process and keep the orphaned runner
// alive, as a real phone does when adb's shell hangs up.
const exec = promisify(execFile);
const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
const profile = join(studioRoot(), 'profiles/ci.yaml');
const data = tempDataDir();
let server: TestAdbServer;
let phones: EmulatedPhone[];

beforeAll(async () => {
  server = await startTestAdbServer();
  phones = await startPhones([findPreset('sd8gen3')!, findPreset('tensorg3')!]);
  for (const phone of phones) {
    phone.programsSurviveHangUp = true;
    expect((await connectPhone(targetOf(server), phone)).ok).toBe(true);
  }
}, 60_000);

afterAll(async () => {
  await stopPhones(targetOf(server), phones);
  await server.stop();
  data.cleanup();
});

const globals = () => ['--data', data.dir, '--adb', `127.0.0.1:${server.port}`];
const env = { ...process.env, ORT_DISABLE_TELEMETRY: '1' };
const runners = () => phones.flatMap((phone) => phone.processes.children());

const severe = 3;

/**
 * Starts the sweep in a child and SIGKILLs it mid-run. Once a point finished the phones run hot,
 * so the runner launched next is held by the thermal gate before its next repetition: it is
 * alive when the studio dies, however fast its repetitions are.
 */
async function killMidSweep(): Promise<{ sweepId: string; finished: string[] }> {
  const child = spawn(process.execPath, [bin, ...globals(), 'sweep', profile], { env });
  let sweepId = '';
  let hotSince = Infinity;
  const finished: string[] = [];
  // Read to the end, so the studio never blocks on a full stderr pipe while the test waits.
  createInterface({ input: child.stderr }).on('line', (line) => {
    sweepId ||= /^sweep (\S+) \(/.exec(line)?.[1] ?? '';
    const done = /^(\S+) on (\S+): finished$/.exec(line);
    if (!done) return;
    finished.push(`${done[1]} ${done[2]}`);
    if (hotSince !== Infinity) return;
    hotSince = Date.now();
    for (const phone of phones) phone.setThermalStatus(severe);
  });
  const heldRunner = () => runners().some((runner) => runner.startedAt > hotSince);
  while (!heldRunner()) await sleep(20);
  // Past its first repetition: the gate holds it for the phone to cool.
  await sleep(500);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  for (const phone of phones) phone.setThermalStatus(null);
  return { sweepId, finished };
}

describe('edge-studio sweep --resume after the studio was SIGKILLed', () => {
  it('ends the orphaned runner, keeps every finished run, runs the rest once', async () => {
    const { sweepId, finished } = await killMidSweep();
    expect(sweepId).not.toBe('');
    expect(runners().length).toBeGreaterThan(0);

    const resumed = await exec(
      process.execPath,
      [bin, ...globals(), 'sweep', '--resume', sweepId, '--json'],
      { env, timeout: 120_000 },
    );
    const document = JSON.parse(resumed.stdout) as SweepDocument;
    expect(document.sweep).toMatchObject({ id: sweepId, state: 'finished' });
    expect(document.sweep.counts).toMatchObject({ planned: 8, done: 8, failed: 0 });
    for (const point of document.points) {
      const before = finished.includes(`${point.pointKey} ${point.deviceKey}`);
      // A run finished before the kill keeps its one run; none ran twice.
      if (before) expect(point.runIds).toHaveLength(1);
    }
    // The run the kill interrupted ran again, as a new run.
    expect(document.points.filter((point) => point.runIds.length === 2).length).toBeGreaterThan(0);
    const runIds = document.points.flatMap((point) => point.runIds.slice(-1));
    expect(new Set(runIds).size).toBe(8);
    expect(document.runs.every((run) => run.state === 'finished' && run.summary !== null)).toBe(
      true,
    );
    expect(runners()).toEqual([]);
    const listed = await exec(process.execPath, [bin, ...globals(), 'sweeps', '--json'], { env });
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: sweepId, state: 'finished' }]);
  }, 180_000);
});
