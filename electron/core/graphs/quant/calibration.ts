import { quantileSorted } from 'simple-statistics';
import type { CalibrationMethod } from '../../../../shared/build-request';

/** How an activation's range is chosen (defined with the build request in shared/). */
export type { CalibrationMethod };

export interface Range {
  min: number;
  max: number;
}

/**
 * The range to quantise an activation to: min-max covers every sample (outliers included);
 * percentile clips the tails (e.g. 99.99 keeps the central 99.98 %), trading clipped outliers for
 * a finer step everywhere else. The range always contains 0, so 0 stays exact.
 */
export function calibrate(samples: Float32Array, method: CalibrationMethod): Range {
  if (samples.length === 0) return { min: 0, max: 0 };
  if (method.kind === 'minmax') {
    let min = 0;
    let max = 0;
    for (const value of samples) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return { min, max };
  }
  const sorted = Float64Array.from(samples).sort();
  const tail = (100 - method.percent) / 200;
  return {
    min: Math.min(0, quantileSorted(sorted as unknown as number[], tail)),
    max: Math.max(0, quantileSorted(sorted as unknown as number[], 1 - tail)),
  };
}

/** Unsigned asymmetric parameters of a range for `bits` (8 or 16), as QuantizeLinear takes them. */
export function quantParams(range: Range, bits: 8 | 16): { scale: number; zeroPoint: number } {
  const levels = 2 ** bits - 1;
  const scale = (range.max - range.min) / levels || 1;
  const zeroPoint = Math.min(levels, Math.max(0, Math.round(-range.min / scale)));
  return { scale: Math.fround(scale), zeroPoint };
}

/** x after QuantizeLinear → DequantizeLinear with the given parameters (saturating). */
export function fakeQuantize(
  values: Float32Array,
  params: { scale: number; zeroPoint: number },
  bits: 8 | 16,
): Float32Array {
  const levels = 2 ** bits - 1;
  return values.map((value) => {
    const q = Math.min(levels, Math.max(0, Math.round(value / params.scale) + params.zeroPoint));
    return (q - params.zeroPoint) * params.scale;
  });
}

/** Signal-to-quantisation-noise ratio in dB of `approx` against `exact`. */
export function sqnrDb(exact: Float32Array, approx: Float32Array): number {
  let signal = 0;
  let noise = 0;
  exact.forEach((value, i) => {
    signal += value * value;
    noise += (value - (approx[i] as number)) ** 2;
  });
  return noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
}
