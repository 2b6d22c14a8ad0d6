import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedPhone } from './emulated-phone';
import { connectPhone, startPhones, stopPhones } from './phone-farm';
import { findPreset } from './phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from './testing-adb';

let server: TestAdbServer;
let phone: EmulatedPhone;
const work = mkdtempSync(join(tmpdir(), 'edge-studio-programs-'));
const shell = (command: string) => server.adb(['-s', phone.address, 'shell', command]);

/** A stand-in runner: prints its args, logs to stderr, can hold memory or wait. */
const program = `#!/usr/bin/env node
const [mode, size] = process.argv.slice(2);
console.error('runner starting ' + mode);
if (mode === 'hog') {
  const blocks = [];
  setInterval(() => blocks.push(Buffer.alloc(16 * 1024 * 1024, 1)), 20);
} else if (mode === 'wait') {
  setInterval(() => {}, 1000);
} else {
  console.log(JSON.stringify({ args: process.argv.slice(2), emulated: process.env.EDGE_STUDIO_EMULATED }));
  process.exit(Number(size ?? 0));
}
`;

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('dimensity9300')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone!)).ok).toBe(true);
  const source = join(work, 'runner.js');
  writeFileSync(source, program);
  chmodSync(source, 0o755);
  expect(
    (await server.adb(['-s', phone!.address, 'push', source, '/data/local/tmp/runner.js'])).code,
  ).toBe(0);
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('pushed programs', () => {
  it('run as real child processes with their exit status', async () => {
    const result = await shell('/data/local/tmp/runner.js print 7');
    expect(result.code).toBe(7);
    expect(JSON.parse(result.stdout)).toEqual({ args: ['print', '7'], emulated: '1' });
    expect(result.stderr).toBe('runner starting print\n');
    expect((await server.adb(['-s', phone.address, 'logcat', '-d'])).stdout).toContain(
      'runner starting print',
    );
  });

  it('refuse bytes that were not pushed, or changed since', async () => {
    const made = await shell(
      'cd /data/local/tmp && echo "console.log(1)" > made.js && chmod 755 made.js && ./made.js',
    );
    expect(made.code).toBe(126);
    expect(made.stderr).toContain('not a pushed program');
    await shell('echo "//" >> /data/local/tmp/runner.js');
    const changed = await shell('/data/local/tmp/runner.js print');
    expect(changed.code).toBe(126);
    const source = join(work, 'runner.js');
    expect(
      (await server.adb(['-s', phone.address, 'push', source, '/data/local/tmp/runner.js'])).code,
    ).toBe(0);
  });

  it('show real /proc figures and meminfo while running, and can be killed', async () => {
    expect((await shell('/data/local/tmp/runner.js wait &')).code).toBe(0);
    const pid = await waitForPid();
    expect((await shell(`cat /proc/${pid}/status`)).stdout).toMatch(/VmRSS:\s+\d+ kB/);
    expect((await shell(`cat /proc/${pid}/smaps_rollup`)).stdout).toMatch(/Pss:\s+\d+ kB/);
    expect((await shell(`echo 5 > /proc/${pid}/clear_refs`)).code).toBe(0);
    expect((await shell(`dumpsys meminfo ${pid}`)).stdout).toMatch(
      new RegExp(`MEMINFO in pid ${pid} \\[runner.js\\][\\s\\S]*TOTAL PSS:\\s+[1-9]\\d*`),
    );
    expect((await shell('ps -A')).stdout).toContain('runner.js');
    expect((await shell(`kill -9 ${pid}`)).code).toBe(0);
    expect((await shell('kill 1')).stderr).toContain('Operation not permitted');
  });

  it('are killed over the memory budget, and logcat says so', async () => {
    phone.memoryBudgetMb = 128;
    const result = await shell('/data/local/tmp/runner.js hog');
    phone.memoryBudgetMb = 0;
    expect(result.code).toBe(137);
    const log = (await server.adb(['-s', phone.address, 'logcat', '-d'])).stdout;
    expect(log).toMatch(
      /lowmemorykiller: Kill 'runner.js' \(\d+\).*memory budget 131072kB exceeded/,
    );
  });

  it('stream what they log to a following logcat', async () => {
    const args = ['-P', String(server.port), '-s', phone.address, 'logcat'];
    const child = spawn(process.env.ADB ?? 'adb', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    const seen = new Promise<string>((resolve) =>
      lines.on('line', (line) => line.includes('live-marker') && resolve(line)),
    );
    // The reader is attached once its shell stream opens: log until it shows up.
    const timer = setInterval(
      () => phone.logcat.log({ pid: 1, priority: 'I', tag: 'test', message: 'live-marker' }),
      50,
    );
    expect(await seen).toMatch(/ I test: live-marker$/);
    clearInterval(timer);
    child.kill();
  });

  it('follow a thermal override', async () => {
    phone.setThermalStatus(3);
    expect((await shell('dumpsys thermalservice')).stdout).toContain('Thermal Status: 3');
    phone.setThermalStatus(null);
    expect((await shell('dumpsys thermalservice')).stdout).toMatch(/Thermal Status: [01]/);
  });
});

/** The pid of the background runner, once the phone lists it. */
async function waitForPid(): Promise<number> {
  for (;;) {
    const result = await shell('pidof runner.js');
    if (result.code === 0) return Number(result.stdout.trim());
  }
}
