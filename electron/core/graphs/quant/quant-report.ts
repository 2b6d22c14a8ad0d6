import type { BlockQuantized } from './weight-kernels-blockwise';
import type { ChannelQuantized } from './weight-kernels-channel';
import type { QuantizedWeight } from './quantized-weight';

/** What quantising one tensor cost: signal-to-quantisation-noise, worst error, bytes. */
export interface TensorQuantReport {
  tensor: string;
  shape: [number, number];
  sqnrDb: number;
  maxAbsError: number;
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * Compares a quantised weight with the float one it came from: the graph's own dequantisation
 * (`dequantized`) written out for each layout, row-major, with no allocation and no object per
 * element, since this runs on every tensor of a build (element by element it cost several times
 * the kernel).
 */
export function reportTensor(
  tensor: string,
  original: Float32Array,
  weight: QuantizedWeight,
  bytesAfter: number,
): TensorQuantReport {
  const restore =
    weight.layout === 'channel'
      ? channelRestorer(weight.n, weight.channel)
      : blockRestorer(weight, weight.blocks);
  let signal = 0;
  let noise = 0;
  let maxAbsError = 0;
  for (let row = 0, at = 0; row < weight.k; row++) {
    const restored = restore(row);
    for (let col = 0; col < weight.n; col++, at++) {
      const value = original[at] as number;
      const error = value - (restored[col] as number);
      signal += value * value;
      noise += error * error;
      if (error > maxAbsError) maxAbsError = error;
      else if (-error > maxAbsError) maxAbsError = -error;
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

/** One row of W as the graph computes it (float64, like the element-wise definition). */
type RowRestorer = (row: number) => Float64Array;

function channelRestorer(n: number, channel: ChannelQuantized): RowRestorer {
  const restored = new Float64Array(n);
  const { values, scales } = channel;
  return (row) => {
    for (let col = 0, at = row * n; col < n; col++, at++)
      restored[col] = (values[at] as number) * (scales[col] as number);
    return restored;
  };
}

function blockRestorer(weight: QuantizedWeight, blocks: BlockQuantized): RowRestorer {
  const { n, bits, blockSize } = weight;
  const { packed, scales, zeroPoints, kBlocks } = blocks;
  const restored = new Float64Array(n);
  const blockBytes = (blockSize * bits) / 8;
  const defaultZero = 1 << (bits - 1);
  return (row) => {
    const block = Math.floor(row / blockSize);
    const i = row - block * blockSize;
    const byte = bits === 8 ? i : i >> 1;
    const shift = bits === 8 ? 0 : (i & 1) * 4;
    const mask = bits === 8 ? 255 : 15;
    for (let col = 0, index = block; col < n; col++, index += kBlocks) {
      const code = ((packed[index * blockBytes + byte] as number) >> shift) & mask;
      const zero = zeroPoints ? (zeroPoints[index] as number) : defaultZero;
      restored[col] = (code - zero) * (scales[index] as number);
    }
    return restored;
  };
}
