import { symlinkSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from './emulated-phone';
import { findPreset } from './phone-presets';

const phone = new EmulatedPhone({ preset: findPreset('midrange')! });
const outside = mkdtempSync(join(tmpdir(), 'edge-studio-outside-'));
afterAll(async () => {
  await phone.stop();
  rmSync(outside, { recursive: true, force: true });
});

describe('the phone shell (no adb)', () => {
  it('answers unknown commands with status 127', async () => {
    expect(await phone.runShell('frobnicate')).toEqual({
      stdout: '',
      stderr: 'sh: frobnicate: not found\n',
      status: 127,
    });
  });

  it('applies redirections in order', async () => {
    await phone.runShell(
      'cd /data/local/tmp && ls /missing > a 2>&1 && true; ls /missing 2>&1 > b',
    );
    expect((await phone.runShell('cat /data/local/tmp/a')).stdout).toContain('/missing');
    expect((await phone.runShell('cat /data/local/tmp/b')).stdout).toBe('');
    expect(
      (
        await phone.runShell(
          'echo one > /data/local/tmp/c; echo two >> /data/local/tmp/c; cat /data/local/tmp/c',
        )
      ).stdout,
    ).toBe('one\ntwo\n');
  });

  it('expands variables and keeps the working directory within a line', async () => {
    // shell-quote expands $VARS when the line is parsed, so `export` affects later lines only.
    expect((await phone.runShell('echo $TMPDIR; cd /data/local; ls')).stdout).toBe(
      '/data/local/tmp\ntmp\n',
    );
  });

  it('refuses writes outside /data/local/tmp and symlinks out of the sandbox', async () => {
    expect((await phone.runShell('echo x > /system/build.prop')).status).toBe(1);
    expect((await phone.runShell('mkdir -p /vendor/evil')).status).toBe(1);
    const tmp = await phone.fs.hostPath('/data/local/tmp', 'read');
    if (!tmp.ok) throw new Error(tmp.error.message);
    symlinkSync(outside, join(tmp.value, 'out'));
    expect((await phone.runShell('echo x > /data/local/tmp/out/f')).status).toBe(1);
    expect((await phone.runShell('mkdir -p /data/local/tmp/out/d')).status).toBe(1);
    expect((await phone.runShell('rm -rf /data/local/tmp/out/')).status).toBe(0);
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(join(outside, 'f'))).toBe(false);
  });

  it('reports the properties and the preset hardware', async () => {
    expect((await phone.runShell('getprop ro.soc.model')).stdout).toBe('Exynos 1380\n');
    expect((await phone.runShell('getprop no.such.prop fallback')).stdout).toBe('fallback\n');
    const cpuDir = (await phone.runShell('ls /sys/devices/system/cpu')).stdout.trim().split('\n');
    expect(cpuDir.filter((name) => /^cpu\d+$/.test(name))).toHaveLength(8);
    expect((await phone.runShell('cat /sys/devices/system/cpu/present')).stdout).toBe('0-7\n');
    expect(
      (await phone.runShell('cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor')).stdout,
    ).toBe('schedutil\n');
    await phone.runShell(
      'echo performance > /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor',
    );
    expect(
      (await phone.runShell('cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor')).stdout,
    ).toBe('performance\n');
    expect((await phone.runShell('echo 1 > /proc/version; cat /proc/version')).stdout).toMatch(
      /^Linux version/,
    );
  });

  it('lists processes in toybox ps layout', async () => {
    const lines = (await phone.runShell('ps -A')).stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'USER           PID  PPID        VSZ    RSS WCHAN            ADDR S NAME',
    );
    expect(lines.find((line) => line.endsWith(' system_server'))).toMatch(
      /^system\s+1150\s+700\s+\d+\s+401408 /,
    );
    expect((await phone.runShell('pidof zygote64')).stdout).toBe('700\n');
  });

  it('ends the line at exec and exit, and runs sh -c in a child shell that exec ends', async () => {
    expect((await phone.runShell('exec echo one; echo two')).stdout).toBe('one\n');
    expect((await phone.runShell('exit 3; echo two')).status).toBe(3);
    const line = "export NAME=phone; sh -c 'exec echo $NAME; echo never'; echo after $?";
    expect((await phone.runShell(line)).stdout).toBe('phone\nafter 0\n');
    expect((await phone.runShell("sh -c 'false'")).status).toBe(1);
    expect((await phone.runShell('sh script.sh')).status).toBe(2);
  });

  it('reads $? when its command runs, as sh does', async () => {
    expect((await phone.runShell('false; echo $?; true; echo s$?')).stdout).toBe('1\ns0\n');
  });

  it('fails mkdir of an existing dir without -p, and a mv of a missing file, as toybox does', async () => {
    await phone.runShell('mkdir -p /data/local/tmp/lock-test');
    expect((await phone.runShell('mkdir /data/local/tmp/lock-test')).status).toBe(1);
    expect((await phone.runShell('mkdir -p /data/local/tmp/lock-test')).status).toBe(0);
    expect((await phone.runShell('mv /data/local/tmp/none /data/local/tmp/x')).status).toBe(1);
  });
});
