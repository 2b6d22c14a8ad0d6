import { describe, expect, it } from 'vitest';
import { CpuStat } from './cpu-stat';
import { LinkShaper } from './link-shaper';
import { phonePresets } from './phone-presets';
import { connectBanner, phoneProperties, serialFor } from './phone-properties';
import { ThermalModel } from './thermal-model';

describe('thermal model', () => {
  it('heats under load, cools when idle, and follows an override', () => {
    const model = new ThermalModel(0);
    expect(model.status()).toBe(0);
    model.update(3, 60_000);
    expect(model.temperature()).toBeGreaterThan(50);
    expect(model.status()).toBeGreaterThanOrEqual(3);
    model.update(0, 300_000);
    expect(model.status()).toBe(0);
    model.setOverride(4);
    expect(model.status()).toBe(4);
    expect(model.temperature()).toBeGreaterThan(49);
    model.setOverride(null);
    expect(model.status()).toBe(0);
  });
});

describe('link shaper', () => {
  it('spaces traffic by the bandwidth cap and adds latency to sends', () => {
    const shaper = new LinkShaper({ bytesPerSecond: 1000, latencyMs: 5, dropAfterBytes: 0 });
    expect(shaper.delayFor('out', 1000, 0)).toBe(1005);
    expect(shaper.delayFor('out', 1000, 0)).toBe(2005);
    expect(shaper.delayFor('in', 500, 0)).toBe(500);
  });

  it('says when to drop', () => {
    const shaper = new LinkShaper({ bytesPerSecond: 0, latencyMs: 0, dropAfterBytes: 100 });
    expect(shaper.count(60)).toBe(true);
    expect(shaper.count(60)).toBe(false);
  });
});

describe('presets and properties', () => {
  it('has at least five presets with distinct names and the required properties', () => {
    expect(phonePresets.length).toBeGreaterThanOrEqual(5);
    expect(new Set(phonePresets.map((preset) => preset.name)).size).toBe(phonePresets.length);
    for (const preset of phonePresets) {
      const properties = phoneProperties(preset, serialFor(preset, '0'));
      for (const key of [
        'ro.product.model',
        'ro.product.manufacturer',
        'ro.soc.model',
        'ro.board.platform',
        'ro.product.cpu.abi',
        'ro.build.fingerprint',
        'ro.build.version.release',
        'ro.build.version.sdk',
        'ro.serialno',
      ]) {
        expect(properties.get(key), `${preset.name} ${key}`).toBeTruthy();
      }
      expect(properties.get('ro.edge_studio.emulated')).toBe('1');
    }
  });

  it('keeps serials stable per preset and identity', () => {
    const [first, second] = phonePresets;
    expect(serialFor(first!, 'a')).toBe(serialFor(first!, 'a'));
    expect(serialFor(first!, 'a')).not.toBe(serialFor(first!, 'b'));
    expect(serialFor(first!, 'a')).not.toBe(serialFor(second!, 'a'));
  });

  it('builds the CNXN banner', () => {
    expect(connectBanner(phonePresets[3]!, ['shell_v2'])).toBe(
      'device::ro.product.name=husky;ro.product.model=Pixel 8 Pro;ro.product.device=husky;features=shell_v2',
    );
  });
});

describe('cpu stat', () => {
  it('counts busy ticks on the big cores while programs run', () => {
    const stat = new CpuStat(4, 0);
    stat.update(1, 10_000);
    const cores = stat
      .format()
      .split('\n')
      .filter((line) => /^cpu\d/.test(line))
      .map((line) => line.split(' ').slice(1).map(Number));
    expect(cores).toHaveLength(4);
    const busy = (columns: number[]) => columns[0]! + columns[2]!;
    expect(busy(cores[3]!)).toBeGreaterThan(800);
    expect(busy(cores[0]!)).toBeLessThan(100);
    expect(busy(cores[0]!) + cores[0]![3]!).toBe(1000);
  });
});
