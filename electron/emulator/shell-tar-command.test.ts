import { createHash } from 'node:crypto';
import {
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack, type Pack } from 'tar-stream';

type Entry = [header: Parameters<Pack['entry']>[0], body?: string];
import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from './emulated-phone';
import { findPreset } from './phone-presets';

const phone = new EmulatedPhone({ preset: findPreset('midrange')! });
const outside = mkdtempSync(join(tmpdir(), 'edge-studio-tar-outside-'));
afterAll(async () => {
  await phone.stop();
  rmSync(outside, { recursive: true, force: true });
});

/** Writes a tar of `entries` at a device path under /data/local/tmp; returns that path. */
async function tarOnPhone(name: string, entries: Entry[]): Promise<string> {
  const tmp = await phone.fs.hostPath('/data/local/tmp', 'read');
  if (!tmp.ok) throw new Error(tmp.error.message);
  const archive = pack();
  const written = pipeline(archive, createWriteStream(join(tmp.value, name)));
  for (const [header, body] of entries) archive.entry(header, body ?? '');
  archive.finalize();
  await written;
  return `/data/local/tmp/${name}`;
}

const hostOf = async (path: string) => {
  const resolved = await phone.fs.hostPath(path, 'read');
  if (!resolved.ok) throw new Error(resolved.error.message);
  return resolved.value;
};

describe('tar on the emulated phone', () => {
  it('extracts files and folders with their modes into -C DIR', async () => {
    const tar = await tarOnPhone('good.tar', [
      [{ name: 'lib', type: 'directory', mode: 0o755 }],
      [{ name: 'lib/run', mode: 0o755 }, '#!/bin/sh\n'],
      [{ name: 'data.txt', mode: 0o644 }, 'hello'],
    ]);
    await phone.runShell('mkdir -p /data/local/tmp/out');
    const run = await phone.runShell(`tar -xf ${tar} -C /data/local/tmp/out`);
    expect(run).toEqual({ stdout: '', stderr: '', status: 0 });
    const out = await hostOf('/data/local/tmp/out');
    expect(readFileSync(join(out, 'data.txt'), 'utf8')).toBe('hello');
    expect(statSync(join(out, 'lib/run')).mode & 0o777).toBe(0o755);
    expect((await phone.runShell(`cd /data/local/tmp/out && tar xvf ${tar}`)).stdout).toBe(
      'lib\nlib/run\ndata.txt\n',
    );
  });

  it('refuses entries that would leave the folder, links, and a missing -C folder', async () => {
    const tar = await tarOnPhone('evil.tar', [
      [{ name: '../escaped', mode: 0o644 }, 'x'],
      [{ name: '/data/local/tmp/absolute', mode: 0o644 }, 'x'],
      [{ name: 'link', type: 'symlink', linkname: outside }],
      [{ name: 'ok', mode: 0o644 }, 'fine'],
    ]);
    await phone.runShell('mkdir -p /data/local/tmp/evil');
    const run = await phone.runShell(`tar -xf ${tar} -C /data/local/tmp/evil`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('../escaped: leaves the target folder');
    expect(run.stderr).toContain('/data/local/tmp/absolute: leaves the target folder');
    expect(run.stderr).toContain('link: symlink entries are not extracted');
    const tmp = await hostOf('/data/local/tmp');
    expect(() => statSync(join(tmp, 'escaped'))).toThrow();
    expect(() => statSync(join(tmp, 'absolute'))).toThrow();
    expect(readFileSync(join(tmp, 'evil/ok'), 'utf8')).toBe('fine');
    const missing = await phone.runShell(`tar -xf ${tar} -C /data/local/tmp/nowhere`);
    expect(missing.status).toBe(1);
    expect((await phone.runShell(`tar -xf ${tar} -C /system`)).status).toBe(1);
  });

  it('does not write through a symlink planted in the target folder', async () => {
    const tmp = await hostOf('/data/local/tmp');
    await phone.runShell('mkdir -p /data/local/tmp/planted');
    symlinkSync(outside, join(tmp, 'planted/out'));
    const tar = await tarOnPhone('through.tar', [[{ name: 'out/file', mode: 0o644 }, 'x']]);
    const run = await phone.runShell(`tar -xf ${tar} -C /data/local/tmp/planted`);
    expect(run.status).toBe(1);
    expect(() => statSync(join(outside, 'file'))).toThrow();
  });

  it('counts files from a pushed archive as pushed (they may run), and mv keeps the record', async () => {
    const tar = await tarOnPhone('pushed.tar', [[{ name: 'bin/tool', mode: 0o755 }, 'tool']]);
    const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
    phone.pushed.set(tar, sha(readFileSync(await hostOf(tar))));
    await phone.runShell('mkdir -p /data/local/tmp/p1 /data/local/tmp/p2');
    expect((await phone.runShell(`tar -xf ${tar} -C /data/local/tmp/p1`)).status).toBe(0);
    expect(phone.pushed.get('/data/local/tmp/p1/bin/tool')).toBe(sha('tool'));
    expect((await phone.runShell('mv /data/local/tmp/p1 /data/local/tmp/moved')).status).toBe(0);
    expect(phone.pushed.get('/data/local/tmp/moved/bin/tool')).toBe(sha('tool'));
    expect(phone.pushed.has('/data/local/tmp/p1/bin/tool')).toBe(false);
    // An archive changed on the phone since its push makes nothing runnable.
    phone.pushed.set(tar, sha('other bytes'));
    expect((await phone.runShell(`tar -xf ${tar} -C /data/local/tmp/p2`)).status).toBe(0);
    expect(phone.pushed.has('/data/local/tmp/p2/bin/tool')).toBe(false);
  });

  it('says how it is used, and what is not emulated', async () => {
    expect((await phone.runShell('tar -cf x.tar .')).stderr).toContain('usage: tar -xf FILE');
    expect((await phone.runShell('tar -x')).status).toBe(1);
  });
});
