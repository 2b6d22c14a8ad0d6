import { describe, expect, it } from 'vitest';
import { energySchema } from '../../../../shared/run-metrics';
import { energyOf, integrate, isCharging } from './energy';
import { splitRepetitions } from './repetitions';
import { SampleLog } from './testing-samples';

const volts4 = 4_000_000;

/** One repetition fed at 0: 100 ms prefill (one chunk), 2 decode steps of 4 and 5 ms. */
function run(power: (t: number) => number, times: number[]): SampleLog {
  const log = new SampleLog();
  log.repetition(0, 0, { chunks: [[90, 10]], steps: [4, 5] });
  for (const t of times) log.device(t, { power: { currentUa: power(t), voltageUv: volts4 } });
  return log;
}

function energy(log: SampleLog, promptTokens = 32) {
  return energyOf(log.samples, splitRepetitions(log.samples, false).counted, promptTokens);
}

describe('energyOf', () => {
  it('integrates a constant draw over the prefill and decode windows', () => {
    // 360 mA at 4 V = 1.44 W. Prefill 100 ms: 10 µAh, 144 mJ over 32 tokens; decode 9 ms: 0.9 µAh,
    // 12.96 mJ over 2 steps.
    const result = energy(run(() => 360_000, [-50, 50, 150]))!;
    expect(result.prefillUahPerToken).toBeCloseTo(10 / 32, 12);
    expect(result.prefillMjPerToken).toBeCloseTo(144 / 32, 12);
    expect(result.decodeUahPerToken).toBeCloseTo(0.45, 12);
    expect(result.decodeMjPerToken).toBeCloseTo(6.48, 12);
    expect(result.samples).toBe(3);
    expect(result.charging).toBe(false);
    expect(energySchema.parse(result)).toEqual(result);
  });

  it('interpolates linearly between samples', () => {
    // Current ramps 0 → 720 mA over 0..200 ms: over the prefill window 0..100 it averages 180 mA
    // (5 µAh) and the power 0.72 W (72 mJ).
    const result = energy(
      run((t) => 3600 * t, [0, 200]),
      1,
    )!;
    expect(result.prefillUahPerToken).toBeCloseTo(5, 9);
    expect(result.prefillMjPerToken).toBeCloseTo(72, 9);
  });

  it('scales with the current', () => {
    const times = [-20, 30, 70, 120];
    const base = energy(run((t) => 100_000 + t * 1000, times))!;
    const doubled = energy(run((t) => 2 * (100_000 + t * 1000), times))!;
    expect(doubled.prefillUahPerToken).toBeCloseTo(2 * base.prefillUahPerToken, 9);
    expect(doubled.decodeMjPerToken!).toBeCloseTo(2 * base.decodeMjPerToken!, 9);
  });

  it('is null with fewer than two power samples, and without decode steps has no decode figure', () => {
    expect(energy(run(() => 1, [50]))).toBeNull();
    expect(energy(run(() => 1, []))).toBeNull();
    const log = new SampleLog();
    log.repetition(0, 0, { chunks: [[10, 0]], steps: [] });
    log.device(0, { power: { currentUa: 1000, voltageUv: volts4 } });
    log.device(20, { power: { currentUa: 1000, voltageUv: volts4 } });
    const result = energy(log)!;
    expect(result.decodeUahPerToken).toBeNull();
    expect(result.decodeMjPerToken).toBeNull();
    expect(result.prefillUahPerToken).toBeGreaterThan(0);
  });

  it('says charging when the battery is powered or the current flows into it', () => {
    const battery = { levelPercent: 80, temperatureC: 30, voltageMv: 4000, powered: true };
    expect(isCharging(new SampleLog().device(0, { battery }).samples)).toBe(true);
    const negative = run((t) => (t > 100 ? -5000 : 5000), [0, 200]);
    expect(energy(negative)!.charging).toBe(true);
    expect(isCharging(run(() => 5000, [0, 200]).samples)).toBe(false);
  });
});

describe('integrate', () => {
  it('holds the end values beyond the samples and is 0 over an empty window', () => {
    const points = [
      { t: 10, currentUa: 2, voltageUv: 0 },
      { t: 20, currentUa: 4, voltageUv: 0 },
    ];
    const current = (p: { currentUa: number }) => p.currentUa;
    // 0..10 at 2, 10..20 a ramp averaging 3, 20..30 at 4.
    expect(integrate(points, 0, 30, current)).toBeCloseTo(20 + 30 + 40, 12);
    expect(integrate(points, 15, 15, current)).toBe(0);
  });
});
