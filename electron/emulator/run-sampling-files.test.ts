import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from './emulated-phone';
import { powerSupplyFile } from './power-supply';
import { findPreset } from './phone-presets';

const phone = new EmulatedPhone({ preset: findPreset('midrange')! });
afterAll(() => phone.stop());

describe('what a run sampler reads on the phone', () => {
  it('head prints several files with toybox headers, and errors for a missing one', async () => {
    await phone.runShell('echo a > /data/local/tmp/one; echo b >> /data/local/tmp/one');
    const result = await phone.runShell(
      'head -n 1 /data/local/tmp/one /proc/9999999/status /sys/devices/system/cpu/present',
    );
    expect(result.stdout).toBe(
      '==> /data/local/tmp/one <==\na\n\n==> /sys/devices/system/cpu/present <==\n0-7\n',
    );
    expect(result.stderr).toBe('head: /proc/9999999/status: No such file or directory\n');
    expect(result.status).toBe(1);
    expect((await phone.runShell('head /data/local/tmp/one')).stdout).toBe('a\nb\n');
    expect((await phone.runShell('head -x /data/local/tmp/one')).status).toBe(1);
  });

  it('has battery power_supply files in kernel units and sign, following the load', async () => {
    const read = async (name: string) =>
      (await phone.runShell(`cat /sys/class/power_supply/battery/${name}`)).stdout.trim();
    expect(await read('status')).toBe('Charging');
    const idle = Number(await read('current_now'));
    expect(idle).toBeGreaterThan(0);
    expect(Number(await read('voltage_now'))).toBe(4_182_000);
    // Under load the phone outdraws its charger: negative is discharging, as the kernel reports it.
    expect(Number(powerSupplyFile('current_now', 2))).toBeLessThan(0);
    expect(Number(powerSupplyFile('voltage_now', 2))).toBeLessThan(4_182_000);
    expect(powerSupplyFile('nope', 0)).toBeNull();
    expect((await phone.runShell('ls /sys/class/power_supply/battery')).stdout).toContain(
      'current_now\n',
    );
  });

  it('logcat -t N prints the last N lines; a time for -T is refused', async () => {
    for (const message of ['first', 'second', 'third'])
      phone.logcat.log({ pid: 1, priority: 'I', tag: 'test', message });
    const lines = (await phone.runShell('logcat -t 2')).stdout.trim().split('\n');
    expect(lines.map((line) => line.split(': ').at(-1))).toEqual(['second', 'third']);
    const refused = await phone.runShell("logcat -T '01-01 00:00:00.000'");
    expect(refused.status).toBe(1);
  });
});
