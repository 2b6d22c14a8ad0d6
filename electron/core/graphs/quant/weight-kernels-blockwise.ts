import { rint, storedScale } from './rounding';

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
}

/**
 * Quantises W[K, N] (row-major) block by block. It walks one K-block of rows at a time (a tile
 * that stays in cache) and, per column, reads the block's values once for the range and once to
 * quantise, writing that column's packed bytes contiguously. The hot loop is one function with no
 * allocation per block: this kernel is measured against numpy (quantize-int4-g32).
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
  const levels = (1 << bits) - 1;
  const half = 1 << (bits - 1);
  const packed = new Uint8Array(n * kBlocks * blockBytes);
  const scales = new Float32Array(n * kBlocks);
  const zeroPoints = symmetric ? null : new Uint8Array(n * kBlocks);
  const column = new Float64Array(blockSize);
  for (let block = 0; block < kBlocks; block++) {
    const first = block * blockSize;
    const rows = Math.min(blockSize, k - first);
    for (let col = 0; col < n; col++) {
      let min = 0;
      let max = 0;
      for (let i = 0; i < rows; i++) {
        const value = weights[(first + i) * n + col] as number;
        column[i] = value;
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      for (let i = rows; i < blockSize; i++) column[i] = 0;
      const scale = storedScale(
        symmetric ? Math.max(-min, max) / (half - 1) : (max - min) / levels,
      );
      const zero = symmetric ? half : Math.min(levels, Math.max(0, rint(-min / scale)));
      const index = col * kBlocks + block;
      scales[index] = scale;
      if (zeroPoints) zeroPoints[index] = zero;
      packBlock(column, packed, index * blockBytes, bits, Math.fround(1 / scale), zero);
    }
  }
  return { packed, scales, zeroPoints, kBlocks };
}

/** Writes one block's quantised values: a byte each for 8 bits, two (low nibble first) for 4. */
function packBlock(
  values: Float64Array,
  packed: Uint8Array,
  offset: number,
  bits: number,
  inverse: number,
  zero: number,
): void {
  const levels = (1 << bits) - 1;
  const step = bits === 4 ? 2 : 1;
  for (let i = 0, byte = offset; i < values.length; i += step, byte++) {
    const low = Math.min(
      levels,
      Math.max(0, rint(Math.fround((values[i] as number) * inverse)) + zero),
    );
    const high =
      step === 2
        ? Math.min(
            levels,
            Math.max(0, rint(Math.fround((values[i + 1] as number) * inverse)) + zero),
          )
        : 0;
    packed[byte] = low | (high << 4);
  }
}
