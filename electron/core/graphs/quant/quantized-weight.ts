import type { QuantSpec } from '../../../../shared/quant-spec';
import {
  blockSimdFits,
  quantizeBlocksSimd,
  quantizePerChannelSimd,
  simdFits,
} from './simd-kernels';
import { quantizeBlockwise, type BlockQuantized } from './weight-kernels-blockwise';
import { quantizePerChannel, type ChannelQuantized } from './weight-kernels-channel';

/** Integer spec of a weight quantisation (float specs never reach here). */
export type IntSpec = Extract<QuantSpec, { kind: 'int' }>;

/**
 * A MatMul weight W[K, N] quantised by a spec: symmetric int8 per channel stays row-major and
 * signed (the fast kernel); everything else is in the blockwise kernel's (n, block, i) layout.
 */
export type QuantizedWeight = { k: number; n: number; bits: 4 | 8; blockSize: number } & (
  { layout: 'channel'; channel: ChannelQuantized } | { layout: 'blocks'; blocks: BlockQuantized }
);

/**
 * The kernel entry: plain typed arrays in and out, so a worker can run it. Symmetric blocks give
 * ONNX Runtime's RTN codes (all 2^bits levels); `-mse` specs search each block's clip ratio.
 */
export function quantizeWeight(
  weights: Float32Array,
  k: number,
  n: number,
  spec: IntSpec,
): QuantizedWeight {
  const perChannel = spec.granularity.kind === 'channel';
  const blockSize = perChannel ? k : (spec.granularity as { size: number }).size;
  const search = spec.scaleSearch;
  if (perChannel && spec.bits === 8 && spec.symmetric) {
    const channel = simdFits(n)
      ? quantizePerChannelSimd(weights, k, n, search)
      : quantizePerChannel(weights, k, n, search);
    return { k, n, bits: 8, blockSize, layout: 'channel', channel };
  }
  // The SIMD kernels cover symmetric whole blocks; everything else takes the scalar kernel.
  const options = { bits: spec.bits, blockSize, symmetric: spec.symmetric, search };
  const blocks =
    spec.symmetric && blockSimdFits(k, n, spec.bits, blockSize)
      ? quantizeBlocksSimd(weights, k, n, options)
      : quantizeBlockwise(weights, k, n, options);
  return { k, n, bits: spec.bits, blockSize, layout: 'blocks', blocks };
}

/** The unsigned stored value of W[row, col], its zero point and scale. */
export function storedValue(
  weight: QuantizedWeight,
  row: number,
  col: number,
): { q: number; zero: number; scale: number } {
  if (weight.layout === 'channel') {
    return {
      q: (weight.channel.values[row * weight.n + col] as number) + 128,
      zero: 128,
      scale: weight.channel.scales[col] as number,
    };
  }
  const { blocks, bits, blockSize } = weight;
  const block = Math.floor(row / blockSize);
  const index = col * blocks.kBlocks + block;
  const inBlock = row - block * blockSize;
  const offset = (index * blockSize * bits) / 8;
  const q =
    bits === 8
      ? (blocks.packed[offset + inBlock] as number)
      : ((blocks.packed[offset + (inBlock >> 1)] as number) >> ((inBlock & 1) * 4)) & 15;
  const zero = blocks.zeroPoints ? (blocks.zeroPoints[index] as number) : 1 << (bits - 1);
  return { q, zero, scale: blocks.scales[index] as number };
}

/** W[row, col] as the quantised graph computes it. */
export function dequantized(weight: QuantizedWeight, row: number, col: number): number {
  const { q, zero, scale } = storedValue(weight, row, col);
  return (q - zero) * scale;
}
