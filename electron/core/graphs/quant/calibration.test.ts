import { describe, expect, it } from 'vitest';
import { calibrate, fakeQuantize, quantParams, sqnrDb } from './calibration';

/**
 * Laplace-distributed activations: heavy tails whose few extreme values stretch a min-max range,
 * as LLM activations do. Deterministic (a fixed LCG), so the comparison below is repeatable.
 */
function activationsWithOutliers(count: number): Float32Array {
  let state = 42;
  const uniform = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  return Float32Array.from({ length: count }, () => {
    const u = uniform();
    return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  });
}

describe('activation calibration', () => {
  it('min-max covers every value and keeps 0 exact', () => {
    const values = Float32Array.from([0.5, 2, 1.25]);
    const range = calibrate(values, { kind: 'minmax' });
    expect(range).toEqual({ min: 0, max: 2 });
    const params = quantParams(range, 8);
    expect(fakeQuantize(Float32Array.from([0]), params, 8)[0]).toBe(0);
  });

  const sqnr = (values: Float32Array, bits: 8 | 16, method: Parameters<typeof calibrate>[1]) =>
    sqnrDb(values, fakeQuantize(values, quantParams(calibrate(values, method), bits), bits));

  it('percentile calibration beats min-max in SQNR on a tensor with outliers (uint8)', () => {
    const values = activationsWithOutliers(100_000);
    const minmax = sqnr(values, 8, { kind: 'minmax' });
    expect(sqnr(values, 8, { kind: 'percentile', percent: 99.995 })).toBeGreaterThan(minmax);
  });

  it('at uint16 the step is already fine: clipping the tails costs more than it saves', () => {
    const values = activationsWithOutliers(100_000);
    expect(sqnr(values, 16, { kind: 'minmax' })).toBeGreaterThan(
      sqnr(values, 16, { kind: 'percentile', percent: 99.995 }),
    );
  });

  it('percentile ranges clip the tails', () => {
    const values = activationsWithOutliers(100_000);
    const full = calibrate(values, { kind: 'minmax' });
    const range = calibrate(values, { kind: 'percentile', percent: 99.9 });
    expect(range.max).toBeLessThan(full.max * 0.8);
    expect(range.min).toBeGreaterThan(full.min * 0.8);
  });
});
