import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deviceLaunchLine, loaderArgv, readBundle, type BundleManifest } from './runtime-bundle';
import { parseCommandLine } from '../../../emulator/shell-parse';

const glibc: BundleManifest = {
  abi: 'arm64-v8a',
  loader: 'ld-linux-aarch64.so.1',
  runner: 'edge-runner',
  hash: 'a'.repeat(64),
  files: [],
};
const bionic: BundleManifest = { ...glibc, loader: undefined };

describe('runtime bundle launch', () => {
  it('starts a glibc bundle through its loader, a bionic one directly', () => {
    expect(loaderArgv(glibc, '/rt/x', '/runs/1/plan.json')).toEqual([
      '/rt/x/ld-linux-aarch64.so.1',
      '--library-path',
      '/rt/x',
      '/rt/x/edge-runner',
      '/runs/1/plan.json',
    ]);
    expect(loaderArgv(bionic, '/rt/x', 'p.json')).toEqual(['/rt/x/edge-runner', 'p.json']);
  });

  it('quotes every word of the device line, so a hostile path stays one argument', () => {
    const plan = "/data/local/tmp/runs/it's; rm -rf / $(reboot)/plan.json";
    const line = deviceLaunchLine(glibc, '/data/local/tmp/edge-studio/rt/abc', plan);
    if (!line.ok) throw new Error(line.error.message);
    const parsed = parseCommandLine(line.value, {});
    if (!parsed.ok) throw new Error(parsed.error.message);
    const argvs = parsed.value.map((entry) => entry.command.argv);
    expect(argvs).toEqual([
      [
        'mkdir',
        '-p',
        '/data/local/tmp/edge-studio/rt/abc/home',
        '/data/local/tmp/edge-studio/rt/abc/tmp',
      ],
      [
        'export',
        'HOME=/data/local/tmp/edge-studio/rt/abc/home',
        'TMPDIR=/data/local/tmp/edge-studio/rt/abc/tmp',
        'ORT_DISABLE_TELEMETRY=1',
      ],
      ['exec', ...loaderArgv(glibc, '/data/local/tmp/edge-studio/rt/abc', plan)],
    ]);
  });

  it('gives a bionic bundle LD_LIBRARY_PATH, and refuses a NUL in a path', () => {
    const line = deviceLaunchLine(bionic, '/data/local/tmp/rt', 'plan.json');
    expect(line.ok && line.value).toContain("LD_LIBRARY_PATH='/data/local/tmp/rt'");
    expect(deviceLaunchLine(glibc, '/rt', 'plan\u0000.json').ok).toBe(false);
  });
});

describe('readBundle', () => {
  it('answers a coded error naming the file when bundle.json is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      writeFileSync(join(dir, 'bundle.json'), '{"abi": "arm64-v8a",');
      const read = await readBundle(dir);
      expect(read).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
      if (!read.ok) expect(read.error.message).toContain(join(dir, 'bundle.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
