import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { studioRoot } from '../core/paths';
import { tempDataDir } from '../core/testing';
import { createProgram } from './main';

const bin = `${studioRoot()}/electron/cli/edge-studio.mjs`;
const data = tempDataDir();
afterAll(() => data.cleanup());

function runBin(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('edge-studio CLI', () => {
  // One process per command (a dozen, ~2 s each on a loaded 2-core machine): past the unit
  // tests' 20 s in CI once, so this one gets the integration tests' time.
  it('has --help on every command', { timeout: 120_000 }, () => {
    const commands = createProgram().commands.map((command) => command.name());
    expect(commands).toEqual(expect.arrayContaining(['serve', 'info']));
    for (const name of commands) {
      const result = runBin([name, '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage: edge-studio ${name}`);
    }
  });

  it('rejects a bad --port or --adb with one line and exit code 2', () => {
    const port = runBin(['--data', data.dir, 'serve', '--port', 'http']);
    expect(port.status).toBe(2);
    expect(port.stderr.trim()).toBe(
      'edge-studio: --port must be a whole number from 0 to 65535, not "http"',
    );
    const adb = runBin(['--data', data.dir, '--adb', 'x;reboot', 'info']);
    expect(adb.status).toBe(2);
    expect(adb.stderr).toContain('--adb "x;reboot" is not a host:port address');
  });

  it('refuses an ADB_SERVER_SOCKET that names no server, rather than starting an empty farm', () => {
    for (const socket of ['tcp:nohost', 'garbage']) {
      const result = spawnSync(process.execPath, [bin, '--data', data.dir, 'info'], {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, ADB_SERVER_SOCKET: socket },
      });
      expect([result.status, result.stderr]).toEqual([
        2,
        `edge-studio: ADB_SERVER_SOCKET="${socket}" is not tcp:HOST:PORT\n`,
      ]);
    }
  });

  it('refuses a --host it cannot listen on with one line and exit code 2', () => {
    const result = runBin(['--data', data.dir, 'serve', '--host', 'no-such-host.invalid']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^edge-studio: cannot listen on no-such-host\.invalid port 0: getaddrinfo \w+ no-such-host\.invalid\n$/,
    );
  });

  it('prints info as JSON with the versions read on the main side', () => {
    const result = runBin(['--data', data.dir, '--adb', '127.0.0.1:5999', 'info', '--json']);
    expect(result.status).toBe(0);
    const info = JSON.parse(result.stdout) as {
      host: string;
      farm: string[];
      dataDir: string;
      onnxruntime: { found: boolean };
    };
    expect(info.farm).toEqual(['127.0.0.1:5999']);
    expect(info.host).toBe('cli');
    expect(info.dataDir).toBe(data.dir);
    expect(info.onnxruntime.found).toBe(true);
  });

  it('serve --port 0 prints one URL line and serves until interrupted', async () => {
    const child = spawn(process.execPath, [bin, '--data', data.dir, 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const { value: line } = (await lines[Symbol.asyncIterator]().next()) as { value: string };
    expect(line).toMatch(/^Edge Studio at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const url = new URL(line.slice('Edge Studio at '.length));
    expect((await fetch(`${url.origin}/`)).status).toBe(401);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
