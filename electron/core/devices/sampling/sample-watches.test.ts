import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WatchedSample } from '../../../../shared/device-sample';
import { StudioEventBus } from '../../../../shared/event-bus';
import { EmulatedPhone } from '../../../emulator/emulated-phone';
import { phoneTransport } from '../shell/testing-shell';
import { SampleWatches, watchTtlMs } from './sample-watches';

const phone = new EmulatedPhone();
afterAll(() => phone.stop());

const clock = { now: Date.now() };
const bus = new StudioEventBus();
const watches = new SampleWatches(bus, () => clock.now);
afterEach(() => watches.stop());

function collect(): WatchedSample[] {
  const samples: WatchedSample[] = [];
  bus.subscribe((event) => {
    if (event.channel === 'device:onDidSample') samples.push(event.payload);
  });
  return samples;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('shared phone samplers', () => {
  it('broadcasts samples of the watched phone, one sampler however many watchers', async () => {
    const samples = collect();
    const device = phoneTransport(phone);
    const request = { deviceKey: 'host/serial', intervalMs: 200 };
    expect(watches.watch(device, request)).toBe(clock.now + watchTtlMs);
    watches.watch(device, request);
    expect(watches.size).toBe(1);
    await until(() => samples.length >= 2);
    expect(samples[0]).toMatchObject({ deviceKey: 'host/serial', pid: null });
    expect(samples[0]!.sample.battery?.temperatureC).toBeGreaterThan(0);
    expect(samples[0]!.sample.thermal?.status).toBe('none');
    expect(samples[1]!.sample.tMs).toBeGreaterThan(samples[0]!.sample.tMs);
  });

  it('stops once nobody renewed the watch in time', async () => {
    const samples = collect();
    watches.watch(phoneTransport(phone), { deviceKey: 'k', intervalMs: 200 });
    await until(() => samples.length >= 1);
    clock.now += watchTtlMs + 1;
    await until(() => watches.size === 0);
    expect(watches.size).toBe(0);
    const seen = samples.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(samples.length).toBe(seen);
  });

  it('samples the memory of a pid apart from the phone alone, and ends when it exits', async () => {
    const samples = collect();
    watches.watch(phoneTransport(phone), { deviceKey: 'k', intervalMs: 200, pid: 1 });
    watches.watch(phoneTransport(phone), { deviceKey: 'k', intervalMs: 200, pid: 99999 });
    await until(() => samples.some((s) => s.pid === 1) && watches.size === 1);
    expect(samples.find((s) => s.pid === 1)?.sample.memory?.vmRssKb).toBe(10240);
    expect(samples.filter((s) => s.pid === 99999).map((s) => s.sample.memory)).toEqual([null]);
    expect(watches.size).toBe(1);
  });
});
