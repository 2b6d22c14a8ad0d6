import { dequantized, type QuantizedWeight } from './quantized-weight';

/** What quantising one tensor cost: signal-to-quantisation-noise, worst error, bytes. */
export interface TensorQuantReport {
  tensor: string;
  shape: [number, number];
  sqnrDb: number;
  maxAbsError: number;
  bytesBefore: number;
  bytesAfter: number;
}

export function reportTensor(
  tensor: string,
  original: Float32Array,
  weight: QuantizedWeight,
  bytesAfter: number,
): TensorQuantReport {
  let signal = 0;
  let noise = 0;
  let maxAbsError = 0;
  for (let row = 0; row < weight.k; row++) {
    for (let col = 0; col < weight.n; col++) {
      const value = original[row * weight.n + col] as number;
      const error = value - dequantized(weight, row, col);
      signal += value * value;
      noise += error * error;
      maxAbsError = Math.max(maxAbsError, Math.abs(error));
    }
  }
  const sqnrDb = noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
  return {
    tensor,
    shape: [weight.k, weight.n],
    sqnrDb,
    maxAbsError,
    bytesBefore: original.byteLength,
    bytesAfter,
  };
}
