import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startTestAdbServer, type TestAdbServer } from './testing-adb';

// The emulator may not import core (eslint.config.js): the CLI is found from this file.
const cliBin = fileURLToPath(new URL('../cli/edge-studio.mjs', import.meta.url));
let server: TestAdbServer;
beforeAll(async () => {
  // Not started: the command must start the adb server of --adb itself.
  server = await startTestAdbServer({ start: false });
});
afterAll(async () => {
  await server.stop();
});

describe('edge-studio emulate', () => {
  it('starts the adb server, brings up four phones that adb lists, and cleans up on SIGINT', async () => {
    const bin = cliBin;
    const child = spawn(
      process.execPath,
      [bin, '--adb', `127.0.0.1:${server.port}`, 'emulate', '--count', '4'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      if (lines.length === 4) break;
    }
    expect(lines.map((line) => line.split('\t')[2])).toEqual([
      'SM-S928B',
      '24129PN74G',
      'V2324A',
      'Pixel 8 Pro',
    ]);
    const listed = (await server.adb(['devices', '-l'])).stdout;
    for (const line of lines)
      expect(listed).toMatch(new RegExp(`${line.split('\t')[0]}\\s+device `));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const after = (await server.adb(['devices'])).stdout;
    for (const line of lines) expect(after).not.toContain(line.split('\t')[0]);
  });

  it('rejects a bad --count or --preset with one line and exit code 2', () => {
    const bin = cliBin;
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, 'emulate', ...args], { encoding: 'utf8', timeout: 30_000 });
    const count = run(['--count', '0']);
    expect([count.status, count.stderr.trim()]).toEqual([
      2,
      'edge-studio: --count must be a whole number from 1 to 64, not "0"',
    ]);
    const preset = run(['--preset', 'pixel9000']);
    expect(preset.status).toBe(2);
    expect(preset.stderr).toMatch(/^edge-studio: unknown preset pixel9000; known: sd8gen3, /);
  });
});
