import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceSample } from '../../../shared/device-sample';
import type { ThermalGate } from '../../../shared/run';
import type { RunnerEvent } from '../../../shared/runner-events';
import { EmulatedPhone } from '../../emulator/emulated-phone';
import { phoneTransport } from '../devices/shell/testing-shell';
import { HoldGate, throttleReason } from './thermal-gate';

const phone = new EmulatedPhone();
afterAll(() => phone.stop());

const holdPath = '/data/local/tmp/thermal-gate-test.hold';
const gate: ThermalGate = { maxStatus: 'light', maxBatteryC: 40, timeoutMs: 1000 };
type Reading = Pick<DeviceSample, 'thermal' | 'battery'>;
const reading = (status: 'none' | 'severe', batteryC = 30): Reading => ({
  thermal: { status, sensors: [], otherSensors: [] },
  battery: { levelPercent: 80, temperatureC: batteryC, voltageMv: 4200, powered: true },
});
const hot = reading('severe');
const cool = reading('none');
const chunk = (rep: number, warmup?: true): RunnerEvent => ({
  ev: 'chunk',
  rep,
  i: 0,
  tokens: 16,
  compute_ms: 1,
  state_ms: 0,
  ...(warmup ? { warmup } : {}),
});

async function holdExists(): Promise<boolean> {
  return (await phone.runShell(`ls ${holdPath}`)).status === 0;
}

/** A gate on the phone, its notes, and whether its hold file exists. */
function gateOnPhone(settings: ThermalGate = gate) {
  const notes: string[] = [];
  const hold = new HoldGate(phoneTransport(phone), holdPath, settings, (note) => notes.push(note));
  return { hold, notes };
}

describe('throttleReason', () => {
  it('says why by status above the gate, or battery at or over its limit', () => {
    expect(throttleReason(hot, gate)).toBe('thermal status severe is above light');
    expect(throttleReason(reading('none', 40), gate)).toBe('battery at 40 °C (limit 40 °C)');
    expect(throttleReason(reading('none', 39.9), gate)).toBeNull();
  });
});

describe('HoldGate', () => {
  it('holds while hot and lets go once cool', async () => {
    const { hold, notes } = gateOnPhone();
    await hold.update(hot, 0);
    expect(await holdExists()).toBe(true);
    await hold.update(cool, 100);
    expect(await holdExists()).toBe(false);
    expect(notes).toEqual([
      'holding the next repetition: thermal status severe is above light',
      'cooled down: repetitions go on',
    ]);
  });

  it('holds for the battery alone, the status within the gate', async () => {
    const { hold, notes } = gateOnPhone();
    await hold.update(reading('none', 45), 0);
    expect(await holdExists()).toBe(true);
    expect(notes).toEqual(['holding the next repetition: battery at 45 °C (limit 40 °C)']);
    await hold.release();
    expect(await holdExists()).toBe(false);
  });

  it('holds each repetition again, each at most the timeout, while the phone stays hot', async () => {
    const { hold, notes } = gateOnPhone();
    hold.heard(chunk(0), 0);
    await hold.update(hot, 0);
    expect(await holdExists()).toBe(true);
    // Rep 0's lines keep coming: the runner is not at the hold yet, nothing runs out.
    hold.heard(chunk(0), 1500);
    await hold.update(hot, 2000);
    expect(await holdExists()).toBe(true);
    // Silent for the timeout: the runner waited that long at the hold, which lets it go.
    await hold.update(hot, 2500);
    expect(await holdExists()).toBe(false);
    // Still rep 0 ... then rep 1 begins: held again for the repetition after it.
    await hold.update(hot, 2600);
    expect(await holdExists()).toBe(false);
    hold.heard(chunk(1), 2700);
    await hold.update(hot, 2800);
    expect(await holdExists()).toBe(true);
    await hold.update(hot, 3799);
    expect(await holdExists()).toBe(true);
    await hold.update(hot, 3800);
    expect(await holdExists()).toBe(false);
    const timedOut = notes.filter((note) => note.startsWith('still throttled after 1000 ms'));
    expect(timedOut).toHaveLength(2);
    expect(notes.filter((note) => note.startsWith('holding the next repetition'))).toHaveLength(2);
  });

  it('tells a warm-up from the measured repetition of the same number', async () => {
    const { hold } = gateOnPhone();
    hold.heard(chunk(0, true), 0);
    await hold.update(hot, 0);
    await hold.update(hot, 1000);
    expect(await holdExists()).toBe(false);
    // Measured rep 0 after warm-up 0: a new repetition, so the gate holds again.
    hold.heard(chunk(0), 1100);
    await hold.update(hot, 1200);
    expect(await holdExists()).toBe(true);
    await hold.release();
  });

  it('without repetition lines, holds once for the timeout and then lets the run go on', async () => {
    const { hold } = gateOnPhone();
    await hold.update(hot, 0);
    await hold.update(hot, 1000);
    expect(await holdExists()).toBe(false);
    hold.heard({ ev: 'mem', t_ms: 1, rss_kb: 1, hwm_kb: 1 }, 1100);
    await hold.update(hot, 1200);
    expect(await holdExists()).toBe(false);
  });
});
