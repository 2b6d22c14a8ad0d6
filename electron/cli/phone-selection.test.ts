import { describe, expect, it } from 'vitest';
import { sampleFarm } from '../../shared/testing/sample-devices';
import { pickPhone } from './phone-selection';

const [first, second] = sampleFarm.devices;

describe('pickPhone', () => {
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
});
