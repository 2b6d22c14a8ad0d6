import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../../emulator/emulated-phone';
import { phoneTransport } from '../shell/testing-shell';
import { sampleDevice } from './device-sampler';

const phone = new EmulatedPhone();
afterAll(() => phone.stop());

describe('the device sampler', () => {
  it('streams memory of a pid, thermal and battery at the asked rate until aborted', async () => {
    const controller = new AbortController();
    const samples = [];
    for await (const sample of sampleDevice(phoneTransport(phone), {
      pid: 1,
      intervalMs: 100,
      signal: controller.signal,
    })) {
      samples.push(sample);
      if (samples.length === 3) controller.abort();
    }
    expect(samples).toHaveLength(3);
    expect(samples[0]!.memory).toMatchObject({ vmRssKb: 10240, rssAnonKb: 6144, pssKb: 7168 });
    expect(samples[0]!.thermal?.status).toBe('none');
    expect(samples[0]!.battery?.levelPercent).toBeGreaterThan(0);
    expect(samples[2]!.tMs).toBeGreaterThanOrEqual(190);
  });

  it('ends when the watched process is gone, with a last sample that has no memory', async () => {
    const samples = [];
    for await (const sample of sampleDevice(phoneTransport(phone), {
      pid: 99999,
      intervalMs: 100,
    })) {
      samples.push(sample);
    }
    expect(samples).toHaveLength(1);
    expect(samples[0]!.memory).toBeNull();
    expect(samples[0]!.battery).not.toBeNull();
  });
});
