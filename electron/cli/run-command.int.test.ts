import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../shared/run';
import { studioRoot } from '../core/paths';
import { tempDataDir } from '../core/testing';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../emulator/phone-farm';
import { findPreset } from '../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../emulator/testing-adb';

// `edge-studio run` as a user types it: the real adb server, an emulated phone running the real
// x86-64 edge-runner bundle, the store on disk in --data.
const exec = promisify(execFile);
const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
const data = tempDataDir();
let server: TestAdbServer;
let phone: EmulatedPhone;

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('sd8gen3')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone)).ok).toBe(true);
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  data.cleanup();
});

function cli(args: string[]) {
  const globals = ['--data', data.dir, '--adb', `127.0.0.1:${server.port}`];
  const env = { ...process.env, ORT_DISABLE_TELEMETRY: '1' };
  return exec(process.execPath, [bin, ...globals, ...args], { env, timeout: 150_000 });
}

describe('edge-studio run', () => {
  it('runs a scenario on the phone named, prints its summary, and runs lists it', async () => {
    const scenarioArgs = [
      'run',
      ...['--device', phone.serial, '--model', 'builtin:edge-infinite-tiny'],
      ...['--chunk', '32', '--sink', '4', '--window', '96', '--memory', 'on'],
    ];
    const { stdout } = await cli([...scenarioArgs, '--repeat', '2', '--warmup', '0']);
    const runId = /^run (\S+) {2}finished {2}on (\S+)$/m.exec(stdout);
    expect(runId?.[2]).toBe(`127.0.0.1:${server.port}/${phone.serial}`);
    expect(stdout).toContain('c32-s4-w96-mem');
    expect(stdout).toMatch(/2 repetitions measured, 0 warm-up/);
    const ttft =
      /^TTFT +median ([\d.]+) ms {2}95 % CI ([\d.]+) ms – ([\d.]+) ms {2}p90 [\d.]+ ms {2}\(n 2\)$/m.exec(
        stdout,
      );
    expect(Number(ttft?.[1])).toBeGreaterThan(0);
    expect(Number(ttft?.[2])).toBeLessThanOrEqual(Number(ttft?.[3]));
    expect(stdout).toMatch(/^peak memory +[\d.]+ MiB/m);
    expect(stdout).toMatch(/^ {2}weights [\d.]+ MiB \((runner|artifact)\), KV cache/m);
    expect(stdout).toMatch(/^ {2}total +cosine 0\.9\d+/m);
    expect(stdout).toMatch(/throttled repetitions? excluded from the statistics/);

    // --json: the stored record, one document and nothing else on stdout.
    const again = await cli([...scenarioArgs, '--repeat', '1', '--warmup', '0', '--json']);
    const record = JSON.parse(again.stdout) as RunRecord;
    expect(record).toMatchObject({ state: 'finished', scenario: 'c32-s4-w96-mem', error: null });
    expect(record.summary?.repetitions.measured).toBe(1);

    const listed = JSON.parse((await cli(['runs', '--json'])).stdout) as RunRecord[];
    expect(listed.map((run) => [run.id, run.state])).toEqual([
      [record.id, 'finished'],
      [runId![1], 'finished'],
    ]);
    expect(listed[0]).toEqual(record);
    const filters = ['--device', phone.serial, '--model', 'builtin:edge-infinite-tiny'];
    const filtered = await cli(['runs', ...filters, '--scenario', 'c32-s4-w96-mem', '--json']);
    expect(JSON.parse(filtered.stdout)).toHaveLength(2);
    expect((await cli(['runs', '--device', 'NOPE', '--json'])).stdout.trim()).toBe('[]');
    expect((await cli(['runs', 'delete', record.id])).stdout).toBe(`deleted run ${record.id}\n`);
    const table = (await cli(['runs'])).stdout;
    expect(table).toContain(`${runId![1]}  `);
    expect(table).not.toContain(record.id);
  }, 200_000);

  it('stops the run on the phone at Ctrl-C, says so and exits 1; the run is kept cancelled', async () => {
    const args = [
      ...['--data', data.dir, '--adb', `127.0.0.1:${server.port}`, 'run', '--device', phone.serial],
      ...[
        '--model',
        'builtin:edge-infinite-tiny',
        '--chunk',
        '32',
        '--sink',
        '4',
        '--window',
        '96',
      ],
      ...['--repeat', '500', '--warmup', '0'],
    ];
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let running: RunRecord[] = [];
    while (running.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      running = JSON.parse((await cli(['runs', '--state', 'running', '--json'])).stdout);
    }
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    const runId = running[0]!.id;
    expect(stderr).toContain(`edge-studio: stopping run ${runId} on the phone`);
    expect(stderr).toContain(`edge-studio: run ${runId} stopped on the phone\n`);
    const [stopped] = JSON.parse((await cli(['runs', '--limit', '1', '--json'])).stdout);
    expect(stopped).toMatchObject({ id: runId, state: 'cancelled' });
    // The CLI has exited: what the emulated phone still runs is what the stop left behind.
    expect(phone.processes.children()).toHaveLength(0);
  }, 120_000);
});
