import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../emulator/emulated-phone';
import { findPreset } from '../../emulator/phone-presets';
import { acceleratorHints, detailCommands, identityOf, readDeviceDetails } from './device-details';
import { fixture } from './parse/fixtures/read-fixture';
import { parseGetprop } from './parse/getprop';
import { phoneTransport } from './shell/testing-shell';

const phone = new EmulatedPhone({ preset: findPreset('sd8gen3')! });
afterAll(() => phone.stop());

describe('device details', () => {
  it('reads every field from an emulated phone', async () => {
    const details = await readDeviceDetails(phoneTransport(phone), 'h/serial');
    expect(details).toMatchObject({
      model: 'SM-S928B',
      manufacturer: 'samsung',
      soc: 'SM8650',
      abi: 'x86_64',
      android: '14',
      sdk: 34,
      emulated: true,
      timingNote: null,
      ramKb: 12288 * 1024,
      governor: 'schedutil',
    });
    expect(details.kernel).toMatch(/^6\.1/);
    expect(details.storageFreeKb).toBeGreaterThan(0);
    expect(details.accelerators).toContain('QNN (Qualcomm HTP)');
  });

  it('carries the timing note of an arm64 phone, whose programs run under qemu', async () => {
    const arm = new EmulatedPhone({ preset: findPreset('tensorg3')!, abi: 'arm64-v8a' });
    try {
      const details = await readDeviceDetails(phoneTransport(arm), 'h/arm');
      expect(details).toMatchObject({
        abi: 'arm64-v8a',
        timingNote: 'arm64 under qemu: timings not representative',
      });
    } finally {
      await arm.stop();
    }
  });

  it('replays every command the layer emits on the emulator: all succeed', async () => {
    const lines: string[] = [];
    await readDeviceDetails(phoneTransport(phone, lines), 'k');
    // Every detail command, plus the read of the lease holder (absent here, so it may fail).
    expect(lines).toHaveLength(Object.keys(detailCommands).length + 1);
    for (const line of lines.filter((text) => !text.includes('lease/holder'))) {
      const { stdout } = await phone.runShell(line);
      expect(stdout, line).toMatch(/__edge_studio_exit_[0-9a-f]+:0\n/);
    }
  });

  it('names a phone whose ro.product.model is unset by its partitions, as Android does', () => {
    const properties = parseGetprop(fixture('getprop-moto-z-gsi.txt'));
    const probe = { properties, battery: null, thermal: null, leaseHolder: null };
    expect(identityOf('k', probe).model).toBe('Moto Z');
  });

  it('names accelerators from library names', () => {
    expect(acceleratorHints(['libneuron_adapter.so', 'libc.so'])).toEqual([
      'NeuroPilot (MediaTek APU)',
    ]);
  });
});
