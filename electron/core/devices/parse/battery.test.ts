import { describe, expect, it } from 'vitest';
import { parseBattery } from './battery';
import { fixture } from './fixtures/read-fixture';

describe('dumpsys battery on real captures (fixtures/SOURCES.md)', () => {
  it.each([
    // AC powered is the first field after the header on every stock BatteryService.
    ['battery-pixel3a.txt', { levelPercent: 94, temperatureC: 28, voltageMv: 4248, powered: true }],
    [
      'battery-pixel-c.txt',
      { levelPercent: 19, temperatureC: 27.5, voltageMv: 3764, powered: true },
    ],
    [
      'battery-android14.txt',
      { levelPercent: 80, temperatureC: 18, voltageMv: 4200, powered: true },
    ],
    [
      'battery-redmi-note14.txt',
      { levelPercent: 80, temperatureC: 36.4, voltageMv: 4228, powered: true },
    ],
    ['battery-s20.txt', { levelPercent: 89, temperatureC: 24.4, voltageMv: 4210, powered: false }],
    [
      'battery-samsung-usb.txt',
      { levelPercent: 100, temperatureC: 30.9, voltageMv: 4312, powered: true },
    ],
    [
      'battery-samsung.txt',
      { levelPercent: 84, temperatureC: 32.6, voltageMv: 4063, powered: true },
    ],
    [
      'battery-hammerhead-crlf.txt',
      { levelPercent: 45, temperatureC: 18, voltageMv: 4189, powered: true },
    ],
  ])('%s', (name, reading) => {
    expect(parseBattery(fixture(name))).toEqual(reading);
  });

  it('reads a field on the line after the header as that field, not as the header', () => {
    const text =
      'Current Battery Service state:\n  AC powered: true\n  level: 50\n  temperature: 250\n';
    expect(parseBattery(text)?.powered).toBe(true);
  });
});
