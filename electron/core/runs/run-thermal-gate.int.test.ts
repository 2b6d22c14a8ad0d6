import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRun, startRunFarm, type RunFarm } from './testing-run-farm';
import type { RunSample } from '../../../shared/run';
import { isEvent, smallRun, streamedOf, studioLog, waitForSample } from './testing-run-waits';

// The thermal gate through the studio core. The phone's status is pinned (0 none … 3 severe),
// never left to its load model, so what the gate sees is what the test set.
let farm: RunFarm;
const severe = 3;
const light = 1;
const none = 0;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
}, 120_000);

afterEach(() => farm.phones[0]!.setThermalStatus(null));

afterAll(async () => {
  await farm.stop();
});

const request = (timeoutMs: number, maxBatteryC?: number) => ({
  ...smallRun,
  device: farm.keyOf(0),
  repetitions: 3,
  // Repetitions long against the 100 ms sampling: each holds outside samples.
  decodeTokens: 48,
  sampleIntervalMs: 100,
  gate: { maxStatus: 'light' as const, timeoutMs, ...(maxBatteryC ? { maxBatteryC } : {}) },
});

const heldOf = (run: Parameters<typeof streamedOf>[0]) =>
  streamedOf(run).flatMap((sample) =>
    sample.kind === 'runner' && sample.event.ev === 'held' ? [sample.event] : [],
  );

describe('the thermal gate', () => {
  it('waits for a hot phone, then goes on after its timeout with every repetition excluded', async () => {
    farm.phones[0]!.setThermalStatus(severe);
    const run = await startRun(farm, request(1500));
    const record = await run.ended;
    expect(record.error).toBeNull();
    expect(record.state).toBe('finished');
    const log = await studioLog(farm, run.runId);
    expect(log).toContain('waiting for the phone to cool: thermal status severe is above light');
    expect(
      log.some((line) => /^still throttled after \d+ ms .*going on, flagged$/.test(line)),
    ).toBe(true);
    const { repetitions, thermal, stats } = record.summary!;
    expect(thermal.samples).toBeGreaterThan(0);
    expect(thermal.throttledSamples).toBe(thermal.samples);
    expect(thermal.worstStatus).toBe('severe');
    expect(repetitions.measured).toBe(3);
    expect(repetitions.excludedThrottled).toBe(3);
    // Nothing is left to count: no statistics over throttled repetitions.
    expect(stats.ttftMs).toBeUndefined();
  }, 120_000);

  it('holds every repetition while the battery is over its limit, each up to the timeout', async () => {
    // Light is within the gate's status; the emulator pins it at a die temperature that puts its
    // battery zone at 34 °C, over a 30 °C limit: only the battery holds the run.
    farm.phones[0]!.setThermalStatus(light);
    const timeoutMs = 1500;
    const run = await startRun(farm, request(timeoutMs, 30));
    const record = await run.ended;
    expect(record.error).toBeNull();
    const log = await studioLog(farm, run.runId);
    const battery = /battery at [\d.]+ °C \(limit 30 °C\)$/;
    expect(
      log.some((line) => line.startsWith('waiting for the phone to cool: ') && battery.test(line)),
    ).toBe(true);
    const holds = log.filter((line) => line.startsWith('holding the next repetition: '));
    expect(holds.length).toBeGreaterThan(0);
    expect(holds.every((line) => battery.test(line))).toBe(true);
    // Re-armed at each repetition: those after the first wait again, each for the timeout and
    // not much more (the host lets go at its next 100 ms sample).
    const held = heldOf(run);
    expect(held.map((event) => event.rep)).toEqual(expect.arrayContaining([1, 2]));
    for (const event of held) {
      expect(event.ms).toBeGreaterThanOrEqual(timeoutMs - 100);
      expect(event.ms).toBeLessThan(timeoutMs + 1500);
    }
    const { repetitions, thermal, stats } = record.summary!;
    expect(thermal.samples).toBeGreaterThan(0);
    expect(thermal.throttledSamples).toBe(thermal.samples);
    expect(thermal.worstStatus).toBe('light');
    expect(repetitions).toMatchObject({ measured: 3, excludedThrottled: 3 });
    expect(stats.ttftMs).toBeUndefined();
  }, 120_000);

  it('goes on once the phone cools mid-wait, nothing flagged', async () => {
    const phone = farm.phones[0]!;
    phone.setThermalStatus(severe);
    const run = await startRun(farm, request(60_000));
    await waitForSample(
      run,
      (sample) => sample.kind === 'log' && sample.line.startsWith('waiting for the phone to cool'),
    );
    const cooledAt = Date.now();
    phone.setThermalStatus(none);
    const record = await run.ended;
    expect(record.error).toBeNull();
    expect(Date.now() - cooledAt).toBeLessThan(30_000);
    const log = await studioLog(farm, run.runId);
    expect(log.some((line) => line.startsWith('still throttled'))).toBe(false);
    const { repetitions, thermal, stats } = record.summary!;
    expect(thermal.throttledSamples).toBe(0);
    expect(thermal.worstStatus).toBe('none');
    expect(repetitions.excludedThrottled).toBe(0);
    expect(stats.ttftMs!.n).toBe(3);
  }, 120_000);

  it('holds the next repetition while the phone is hot mid-run, then goes on', async () => {
    const phone = farm.phones[0]!;
    phone.setThermalStatus(none);
    const run = await startRun(farm, { ...request(60_000), repetitions: 4 });
    const isLog = (start: string) => (sample: RunSample) =>
      sample.kind === 'log' && sample.line.startsWith(start);
    await waitForSample(run, isEvent('first_token'));
    phone.setThermalStatus(severe);
    await waitForSample(run, isLog('holding the next repetition: thermal status severe'));
    // Held: the repetition running when the hold file landed may finish, the next never starts.
    const heldAt = streamedOf(run).length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    const during = streamedOf(run).slice(heldAt);
    expect(during.some((sample) => sample.kind === 'device' && sample.throttled)).toBe(true);
    phone.setThermalStatus(none);
    await waitForSample(run, isLog('cooled down: repetitions go on'));
    const record = await run.ended;
    expect(record.error).toBeNull();
    const held = heldOf(run);
    expect(held).toHaveLength(1);
    expect(held[0]!.ms).toBeGreaterThan(0);
    const chunksDuring = during.flatMap((sample) =>
      sample.kind === 'runner' && sample.event.ev === 'chunk' ? [sample.event.rep] : [],
    );
    expect(chunksDuring.every((rep) => rep < held[0]!.rep)).toBe(true);
    const { repetitions, thermal, stats } = record.summary!;
    console.info(JSON.stringify({ repetitions, thermal, n: stats.ttftMs?.n }));
    expect(thermal.throttledSamples).toBeGreaterThan(0);
    expect(thermal.throttledSamples).toBeLessThan(thermal.samples);
    // Only repetitions begun before the hold took effect can hold a throttled sample (the one
    // running when it got hot, and the next when it began before the hold file landed); the held
    // one and those after start cool (samples during the hold lie in no repetition).
    expect(repetitions.measured).toBe(4);
    expect(repetitions.excludedThrottled).toBeLessThanOrEqual(held[0]!.rep);
    expect(stats.ttftMs!.n).toBe(4 - repetitions.excludedThrottled);
  }, 120_000);
});
