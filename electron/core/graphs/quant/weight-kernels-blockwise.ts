import { asymmetricScale, storedCode, symmetricScale, type BlockScale } from './block-scales';

/**
 * Blockwise along K for each column, in MatMulNBits' layout: values[n][block][i] unsigned with a
 * zero point, packed low nibble first for 4 bits; scales[n][block]; zeroPoints[n][block] when
 * asymmetric (symmetric uses the default 2^(bits-1)).
 */
export interface BlockQuantized {
  /** (N, kBlocks, blockSize · bits / 8) bytes. */
  packed: Uint8Array;
  scales: Float32Array;
  zeroPoints: Uint8Array | null;
  kBlocks: number;
}

export interface BlockOptions {
  bits: 4 | 8;
  blockSize: number;
  symmetric: boolean;
  /** `-mse`: search each block's clip ratio (and zero point) for the least squared error. */
  search?: boolean;
}

/**
 * Quantises W[K, N] (row-major) block by block with ONNX Runtime's rounding, so that the default
 * gives MatMulNBitsQuantizer's RTN codes. It walks one K-block of rows at a time (a tile that
 * stays in cache) and, per column, gathers the block's values once, chooses its scale and writes
 * that column's packed bytes contiguously. The reference for the SIMD kernels (bit-identical).
 */
export function quantizeBlockwise(
  weights: Float32Array,
  k: number,
  n: number,
  options: BlockOptions,
): BlockQuantized {
  const { bits, blockSize, symmetric } = options;
  const kBlocks = Math.ceil(k / blockSize);
  const blockBytes = (blockSize * bits) / 8;
  const packed = new Uint8Array(n * kBlocks * blockBytes);
  const scales = new Float32Array(n * kBlocks);
  const zeroPoints = symmetric ? null : new Uint8Array(n * kBlocks);
  const column = new Float64Array(blockSize);
  const choose = symmetric ? symmetricScale : asymmetricScale;
  for (let block = 0; block < kBlocks; block++) {
    const first = block * blockSize;
    const rows = Math.min(blockSize, k - first);
    for (let col = 0; col < n; col++) {
      for (let i = 0; i < rows; i++) column[i] = weights[(first + i) * n + col] as number;
      // Padding of a last, partial block quantises to zero.
      column.fill(0, rows);
      const chosen = choose(column, rows, bits, options.search ?? false);
      const index = col * kBlocks + block;
      scales[index] = chosen.scale;
      if (zeroPoints) zeroPoints[index] = chosen.zero;
      packBlock(column, packed, index * blockBytes, bits, chosen);
    }
  }
  return { packed, scales, zeroPoints, kBlocks };
}

/** Writes one block's codes: a byte each for 8 bits, two (low nibble first) for 4. */
function packBlock(
  values: Float64Array,
  packed: Uint8Array,
  offset: number,
  bits: number,
  block: BlockScale,
): void {
  const levels = (1 << bits) - 1;
  if (bits === 8) {
    for (let i = 0; i < values.length; i++)
      packed[offset + i] = storedCode(values[i] as number, block, levels);
    return;
  }
  for (let i = 0, byte = offset; i < values.length; i += 2, byte++) {
    const low = storedCode(values[i] as number, block, levels);
    const high = storedCode(values[i + 1] as number, block, levels);
    packed[byte] = low | (high << 4);
  }
}
