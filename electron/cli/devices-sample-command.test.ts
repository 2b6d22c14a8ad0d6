import { describe, expect, it } from 'vitest';
import { sampleFarm, sampleVitals } from '../../shared/testing/sample-devices';
import { formatSample, pickPhone } from './devices-sample-command';

const [first, second] = sampleFarm.devices;
const sample = sampleVitals(first!.key, 4);

describe('devices sample', () => {
  it('finds a phone by serial number, key or transport', () => {
    expect(pickPhone(sampleFarm.devices, 'ES001').key).toBe(second!.key);
    expect(pickPhone(sampleFarm.devices, second!.key).key).toBe(second!.key);
    expect(pickPhone(sampleFarm.devices, second!.transport).key).toBe(second!.key);
  });

  it('falls back to ANDROID_SERIAL, or to the only phone', () => {
    expect(pickPhone(sampleFarm.devices, undefined).key).toBe(first!.key);
    const none = sampleFarm.devices.map((d) => ({ ...d, isDefault: false }));
    expect(() => pickPhone(none, undefined)).toThrow(/no ANDROID_SERIAL.*ES000, ES001, ES002/);
    expect(pickPhone(none.slice(1, 2), undefined).key).toBe(second!.key);
  });

  it('refuses an unknown name, and one found on two hosts', () => {
    expect(() => pickPhone(sampleFarm.devices, 'NOPE')).toThrow(/No phone NOPE/);
    const elsewhere = { ...first!, host: '10.0.0.2:5037', key: '10.0.0.2:5037/ES000' };
    expect(() => pickPhone([...sampleFarm.devices, elsewhere], 'ES000')).toThrow(/several hosts/);
  });

  it('prints a sample on one line', () => {
    expect(formatSample(sample)).toBe('4.0 s  thermal light  hottest 42.0 °C  battery 80% 31 °C');
    const memory = { vmRssKb: 2048, vmHwmKb: 4096, rssAnonKb: 1024, rssFileKb: 1024, pssKb: null };
    expect(formatSample({ ...sample, pid: 7, sample: { ...sample.sample, memory } })).toContain(
      'pid 7: RSS 2.0 MiB HWM 4.0 MiB anon 1.0 MiB file 1.0 MiB PSS ?',
    );
  });
});
