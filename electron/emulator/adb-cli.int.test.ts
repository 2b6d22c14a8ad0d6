import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedPhone } from './emulated-phone';
import { connectPhone, startPhones, stopPhones } from './phone-farm';
import { findPreset } from './phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from './testing-adb';

let server: TestAdbServer;
let phone: EmulatedPhone;
const work = mkdtempSync(join(tmpdir(), 'edge-studio-adb-cli-'));
const shell = (command: string) => server.adb(['-s', phone.address, 'shell', command]);

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('tensorg3')!]))[0]!;
  const connected = await connectPhone(targetOf(server), phone!);
  expect(connected).toEqual({ ok: true, value: undefined });
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('an emulated phone through the real adb binary', () => {
  it('is listed by `adb devices -l` with its model', async () => {
    const { stdout } = await server.adb(['devices', '-l']);
    expect(stdout).toMatch(
      new RegExp(`${phone.address}\\s+device product:husky model:Pixel_8_Pro device:husky`),
    );
  });

  it('answers getprop with its preset and a stable serial', async () => {
    expect((await shell('getprop ro.product.model')).stdout).toBe('Pixel 8 Pro\n');
    expect((await shell('getprop ro.edge_studio.emulated')).stdout).toBe('1\n');
    expect((await shell('getprop ro.serialno')).stdout.trim()).toBe(phone.serial);
    const all = (await shell('getprop')).stdout;
    expect(all).toContain('[ro.soc.model]: [Tensor G3]');
    expect(all).toContain('[ro.build.version.sdk]: [34]');
  });

  it('pushes and pulls 64 MiB byte-identically, keeping the mode', async () => {
    const source = join(work, 'random.bin');
    writeFileSync(source, randomBytes(64 * 1024 * 1024));
    const { chmodSync } = await import('node:fs');
    chmodSync(source, 0o750);
    const pushed = await server.adb([
      '-s',
      phone.address,
      'push',
      source,
      '/data/local/tmp/random.bin',
    ]);
    expect(pushed.code).toBe(0);
    expect((await shell('stat /data/local/tmp/random.bin')).stdout).toContain('(0750/');
    const back = join(work, 'back.bin');
    const pulled = await server.adb([
      '-s',
      phone.address,
      'pull',
      '/data/local/tmp/random.bin',
      back,
    ]);
    expect(pulled.code).toBe(0);
    expect(readFileSync(back).equals(readFileSync(source))).toBe(true);
  });

  it('returns exit codes and separate stderr through shell v2', async () => {
    const result = await shell('echo out; ls /data/nothing-here; exit 3');
    expect(result).toEqual({
      stdout: 'out\n',
      stderr: 'ls: /data/nothing-here: No such file or directory\n',
      code: 3,
    });
    expect(await shell('no-such-tool --x')).toEqual({
      stdout: '',
      stderr: 'sh: no-such-tool: not found\n',
      code: 127,
    });
    expect((await shell('false || echo fallback && echo "a  b"')).stdout).toBe('fallback\na  b\n');
    expect(
      (await shell('ls /nope 2>&1 > /data/local/tmp/o; cat /data/local/tmp/o')).stdout,
    ).toContain('nope');
  });

  it('runs the file commands in /data/local/tmp', async () => {
    const script = [
      'cd /data/local/tmp',
      'mkdir -p a/b',
      'echo hi > a/b/f',
      'mv a/b/f a/g',
      'chmod 600 a/g',
      'sha256sum a/g',
      'rm -rf a/b',
      'ls a',
    ].join(' && ');
    const result = await shell(script);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4  a/g\ng\n',
    );
  });

  it('serves the virtual /proc, /sys and /vendor/lib64 files and dumpsys', async () => {
    expect((await shell('cat /proc/version')).stdout).toMatch(/^Linux version 6\.1/);
    expect((await shell('cat /proc/meminfo')).stdout).toMatch(/MemTotal:\s+12582912 kB/);
    expect((await shell('cat /sys/class/thermal/thermal_zone0/type')).stdout).toBe('cpu-0-0\n');
    expect(
      Number((await shell('cat /sys/class/thermal/thermal_zone0/temp')).stdout),
    ).toBeGreaterThan(20_000);
    expect((await shell('cat /sys/devices/system/cpu/cpu8/cpufreq/cpuinfo_max_freq')).stdout).toBe(
      '2910000\n',
    );
    expect((await shell('ls /vendor/lib64')).stdout).toContain('libedgetpu_client.google.so');
    expect((await shell('dumpsys thermalservice')).stdout).toContain('Thermal Status: 0');
    expect((await shell('dumpsys battery')).stdout).toContain('  level: 85');
    expect((await shell('dumpsys meminfo 1150')).stdout).toContain(
      '** MEMINFO in pid 1150 [system_server] **',
    );
    expect((await shell('ps -A')).stdout).toContain('system_server');
  });

  it('pulls virtual files like regular ones', async () => {
    const target = join(work, 'meminfo');
    expect((await server.adb(['-s', phone.address, 'pull', '/proc/meminfo', target])).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^MemTotal:\s+12582912 kB/);
  });

  it('refuses path escapes and writes nothing outside the sandbox', async () => {
    const outside = join(work, 'outside');
    const sandboxTmp = (await phone.fs.hostPath('/data/local/tmp', 'read')) as {
      ok: true;
      value: string;
    };
    symlinkSync(work, join(sandboxTmp.value, 'link-out'));
    const small = join(work, 'small.txt');
    writeFileSync(small, 'x');
    for (const target of [
      '/data/local/tmp/../../../../escape',
      `${outside}`,
      '/data/local/tmp/link-out/escape',
      '/system/x',
    ]) {
      const result = await server.adb(['-s', phone.address, 'push', small, target]);
      expect(result.code, target).not.toBe(0);
    }
    expect((await shell('echo x > /data/local/tmp/link-out/escape2')).code).not.toBe(0);
    expect((await shell('cat /data/local/tmp/link-out/small.txt')).code).not.toBe(0);
    expect((await shell(`cat ${small}`)).code).not.toBe(0);
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(join(work, 'escape'))).toBe(false);
    expect(existsSync(join(work, 'escape2'))).toBe(false);
    expect(statSync(work).isDirectory()).toBe(true);
  });

  it('runs exec: without a shell protocol', async () => {
    const result = await server.adb(['-s', phone.address, 'exec-out', 'getprop ro.board.platform']);
    expect(result.stdout).toBe('zuma\n');
  });
});
