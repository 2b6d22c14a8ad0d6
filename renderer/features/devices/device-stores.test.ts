import { describe, expect, it } from 'vitest';
import { StudioEventBus } from '../../../shared/event-bus';
import { createLocalStudio } from '../../../shared/local-studio';
import { sampleFarm, sampleVitals } from '../../../shared/testing/sample-devices';
import { pushJob } from '../../testing/fake-jobs';
import { fakeHandlers } from '../../testing/render-app';
import { FarmStore } from './farm-store';
import { PushStore } from './push-store';
import { SampleStore, samplesKept } from './sample-store';

/** A frame clock the test advances by hand. */
function frames() {
  const queued: (() => void)[] = [];
  const schedule = (callback: () => void) => void queued.push(callback);
  return { schedule, run: () => queued.splice(0).forEach((callback) => callback()) };
}

function studioWithBus() {
  const events = new StudioEventBus();
  const { handlers } = fakeHandlers({}, events);
  return { events, studio: createLocalStudio(handlers, events) };
}

describe('the Devices stores', () => {
  it('tell the farm once per frame, with the latest snapshot of the batches it had', async () => {
    const { events, studio } = studioWithBus();
    const clock = frames();
    const store = new FarmStore(studio, clock.schedule);
    let told = 0;
    store.farm.subscribe(() => told++);
    for (let seq = 1; seq <= 50; seq++) {
      const devices = sampleFarm.devices.slice(0, 1 + (seq % 3));
      events.emit('device:onDidChange', { seq, items: [{ ...sampleFarm, devices }] });
    }
    clock.run();
    expect(told).toBe(1);
    expect(store.farm.getSnapshot()?.devices).toHaveLength(1 + (50 % 3));
    expect(await store.list()).toBeNull();
    clock.run();
    expect(store.farm.getSnapshot()?.devices).toHaveLength(1 + (50 % 3));
  });

  it('keep at most 32 pushes, the latest progress of each', () => {
    const { events, studio } = studioWithBus();
    const clock = frames();
    const store = new PushStore(studio, clock.schedule);
    for (let n = 0; n < 100; n++) {
      for (const bytes of [1, 2]) {
        events.emit(
          'job:onDidChange',
          pushJob({ pushId: `p${n}`, deviceKey: 'k', bytes, total: 2, phase: 'pushing' }),
        );
      }
    }
    clock.run();
    const pushes = store.pushes.getSnapshot();
    expect(pushes).toHaveLength(32);
    expect(pushes[0]).toMatchObject({ pushId: 'p68', bytes: 2 });
    expect(pushes.every((push) => push.bytes === 2)).toBe(true);
  });
});

describe('the samples store', () => {
  it('keeps the newest 120 phone-wide samples of each phone, told once per frame', () => {
    const { events, studio } = studioWithBus();
    const clock = frames();
    const store = new SampleStore(studio, clock.schedule);
    const [first, second] = sampleFarm.devices.map((device) => device.key);
    let told = 0;
    store.of(first!).subscribe(() => told++);
    for (let n = 0; n < 500; n++) events.emit('device:onDidSample', sampleVitals(first!, n));
    events.emit('device:onDidSample', { ...sampleVitals(second!, 0), pid: 42 });
    clock.run();
    const kept = store.of(first!).getSnapshot();
    expect([told, kept.length]).toEqual([1, samplesKept]);
    expect(kept.at(-1)).toEqual(sampleVitals(first!, 499));
    expect(store.of(second!).getSnapshot()).toEqual([]);
  });
});
