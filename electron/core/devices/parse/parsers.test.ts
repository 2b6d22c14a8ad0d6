import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../../emulator/emulated-phone';
import { findPreset } from '../../../emulator/phone-presets';
import { parseBattery } from './battery';
import { parseDf, parseDfRows } from './df';
import { fixture } from './fixtures/read-fixture';
import { parseGetprop } from './getprop';
import { parseMeminfo } from './meminfo';
import { parseThermalService } from './thermal';

const phone = new EmulatedPhone({ preset: findPreset('sd8gen3')! });
afterAll(() => phone.stop());
const onPhone = async (line: string) => (await phone.runShell(line)).stdout;

describe('parsers on real captures (fixtures/SOURCES.md)', () => {
  it('getprop of a Nexus 5', () => {
    const properties = parseGetprop(fixture('getprop-hammerhead.txt'));
    expect(properties['ro.board.platform']).toBe('msm8974');
    expect(properties['ro.build.date']).toBe('Tue Jan  6 22:40:00 UTC 2015');
    expect(properties['ro.boot.serialno']).toBe('07e401a0d00b3699');
  });

  it('dumpsys battery of a Samsung with OEM extras', () => {
    expect(parseBattery(fixture('battery-samsung.txt'))).toEqual({
      levelPercent: 84,
      temperatureC: 32.6,
      voltageMv: 4063,
      powered: true,
    });
  });

  it('dumpsys thermalservice of a Shield TV (cached section only)', () => {
    const thermal = parseThermalService(fixture('thermalservice-shield.txt'));
    expect(thermal?.status).toBe('none');
    expect(thermal?.sensors).toHaveLength(5);
    expect(thermal?.sensors[0]).toEqual({ name: 'GPU', type: 1, celsius: 36 });
    expect(thermal?.otherSensors).toEqual([]);
  });

  it('/proc/meminfo, and an estimate on kernels without MemAvailable', () => {
    expect(parseMeminfo(fixture('meminfo-linux.txt'))).toEqual({
      totalKb: 16268680,
      availableKb: 8366284,
    });
    expect(
      parseMeminfo('MemTotal: 100 kB\nMemFree: 10 kB\nBuffers: 5 kB\nCached: 20 kB\n'),
    ).toEqual({ totalKb: 100, availableKb: 35 });
  });

  it('toybox df of a Nexus 5X, long block-device names included', () => {
    const rows = parseDfRows(fixture('df-bullhead.txt'));
    expect(rows.map((row) => row.mount)).toEqual([
      '/dev',
      '/mnt',
      '/system',
      '/vendor',
      '/cache',
      '/firmware',
    ]);
    expect(rows[2]).toEqual({ mount: '/system', totalKb: 2999516, availableKb: 552580 });
    expect(rows.find((row) => row.mount === '/cache')?.availableKb).toBe(86188);
    expect(parseDf(fixture('df-bullhead.txt'))?.mount).toBe('/dev');
  });

  it('df with a wrapped file-system name', () => {
    const wrapped =
      'Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/block/bootdevice/by-name/userdata\n 52196192 9468640 42596480  19% /data\n';
    expect(parseDf(wrapped)).toEqual({ mount: '/data', totalKb: 52196192, availableKb: 42596480 });
  });

  it('reject garbage', () => {
    expect(parseBattery('nothing')).toBeNull();
    expect(parseThermalService('Thermal Status: 9')).toBeNull();
    expect(parseMeminfo('')).toBeNull();
    expect(parseDf('Filesystem\n')).toBeNull();
    expect(parseGetprop('garbage')).toEqual({});
  });
});

describe('the same parsers on the emulator', () => {
  it('read every figure the emulator prints', async () => {
    const properties = parseGetprop(await onPhone('getprop'));
    expect(properties['ro.soc.model']).toBe('SM8650');
    expect(properties['persist.sys.boot.reason.history']).toBe(
      'reboot,userrequested,1700000000\nreboot,ota,1699990000',
    );
    expect(properties['persist.sys.timezone']).toBe('UTC');
    expect(properties['ro.product.vendor.model']).toBe(properties['ro.product.model']);
    expect(parseMeminfo(await onPhone('cat /proc/meminfo'))?.totalKb).toBe(12288 * 1024);
    expect(parseBattery(await onPhone('dumpsys battery'))).toMatchObject({
      levelPercent: 85,
      powered: true,
    });
    const thermal = parseThermalService(await onPhone('dumpsys thermalservice'));
    expect(thermal?.sensors.map((sensor) => sensor.name)).toContain('battery');
    expect(thermal?.sensors.every((sensor) => sensor.celsius > 20)).toBe(true);
    expect(thermal?.otherSensors).toEqual([
      { name: 'vbat', type: 6, kind: 'voltage', value: 4.182 },
    ]);
    expect(parseDf(await onPhone('df /data/local/tmp'))?.mount).toBe('/data');
  });
});
