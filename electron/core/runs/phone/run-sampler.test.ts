import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../../emulator/emulated-phone';
import { phoneTransport } from '../../devices/shell/testing-shell';
import { sampleRun, type TimedDeviceSample } from './run-sampler';
import { fakeRunnerSource, installProgram, waitForChild } from './testing-phone-program';

const phone = new EmulatedPhone();
afterAll(() => phone.stop());

describe('sampleRun on an emulated phone', () => {
  it('samples the runner in one round trip each, dearer reads at 1 Hz, until it is gone', async () => {
    const program = '/data/local/tmp/edge-studio/fake-runner.js';
    await installProgram(phone, program, fakeRunnerSource);
    const exit = phone.runShell(program);
    const pid = await waitForChild(phone);
    const lines: string[] = [];
    const device = phoneTransport(phone, lines);
    const samples: TimedDeviceSample[] = [];
    let commandsAtFifth = 0;
    for await (const sample of sampleRun(device, { pid, intervalMs: 50 })) {
      samples.push(sample);
      if (samples.length === 5) {
        commandsAtFifth = lines.length;
        phone.processes.kill(pid, 'SIGKILL');
        await exit;
      }
    }
    // One read of the CPU list, then per sample one shell: head, dumpsys thermalservice, and
    // dumpsys battery on samples 0 and 4.
    expect(commandsAtFifth).toBe(1 + 5);
    expect(lines.slice(1).every((line) => line.includes('dumpsys thermalservice'))).toBe(true);
    expect(lines.slice(1, 6).map((line) => line.includes('dumpsys battery'))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(samples.length).toBeGreaterThanOrEqual(6);
    const last = samples.at(-1)!.sample;
    expect(last.memory).toBeNull();
    const first = samples[0]!.sample;
    expect(first.memory!.vmRssKb).toBeGreaterThan(1000);
    expect(first.memory!.pssKb).toBeGreaterThan(0);
    expect(samples[1]!.sample.memory!.pssKb).toBeNull();
    expect(samples.map((s) => s.sample.battery !== null).slice(0, 5)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(samples.every((s) => s.sample.thermal !== null)).toBe(true);
    // A busy phone runs each of its 8 CPUs at its maximum (the preset's cpuinfo_max_freq).
    const max = await phone.runShell('cat /sys/devices/system/cpu/cpu7/cpufreq/cpuinfo_max_freq');
    expect(first.cpuFreqKhz).toHaveLength(8);
    expect(first.cpuFreqKhz[7]).toBe(Number(max.stdout));
    // The kernel's current (positive into the battery) comes out with positive = discharging.
    const raw = Number(
      (await phone.runShell('cat /sys/class/power_supply/battery/current_now')).stdout,
    );
    expect(raw).toBeGreaterThan(0);
    expect(last.power).toEqual({ currentUa: -raw, voltageUv: 4_182_000 });
    expect(samples[1]!.tMs).toBeGreaterThan(samples[0]!.tMs);
  });

  it('ends at once for a pid that is not running, and on abort', async () => {
    const device = phoneTransport(phone);
    const gone: TimedDeviceSample[] = [];
    for await (const sample of sampleRun(device, { pid: 999_999 })) gone.push(sample);
    expect(gone).toHaveLength(1);
    expect(gone[0]!.sample.memory).toBeNull();
    const controller = new AbortController();
    controller.abort();
    const none: TimedDeviceSample[] = [];
    for await (const sample of sampleRun(device, { pid: 999_998, signal: controller.signal }))
      none.push(sample);
    expect(none).toEqual([]);
  });
});
