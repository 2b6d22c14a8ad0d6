import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantizeBlockwise } from './weight-kernels-blockwise';
import { quantizePerChannel } from './weight-kernels-channel';
import { rint } from './rounding';

/** A K × N matrix of values in [-range, range]. */
const matrices = fc
  .record({
    k: fc.integer({ min: 1, max: 70 }),
    n: fc.integer({ min: 1, max: 9 }),
    range: fc.double({ min: 0.01, max: 100, noNaN: true }),
  })
  .chain(({ k, n, range }) =>
    fc
      .float32Array({
        minLength: k * n,
        maxLength: k * n,
        min: Math.fround(-range),
        max: Math.fround(range),
        noNaN: true,
        noDefaultInfinity: true,
      })
      .map((w) => ({ k, n, w })),
  );

/** Unpacks MatMulNBits' (n, block, i) layout back to the value at row, col. */
function unpack(
  q: ReturnType<typeof quantizeBlockwise>,
  bits: 4 | 8,
  blockSize: number,
  row: number,
  col: number,
) {
  const block = Math.floor(row / blockSize);
  const index = col * q.kBlocks + block;
  const inBlock = row - block * blockSize;
  const offset = (index * blockSize * bits) / 8;
  const raw =
    bits === 8
      ? (q.packed[offset + inBlock] as number)
      : ((q.packed[offset + (inBlock >> 1)] as number) >> ((inBlock & 1) * 4)) & 15;
  const zero = q.zeroPoints ? (q.zeroPoints[index] as number) : 1 << (bits - 1);
  const scale = q.scales[index] as number;
  return { value: (raw - zero) * scale, scale, zero, code: raw };
}

describe('weight kernels', () => {
  it('rounds half to even like numpy', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, -2.6].map(rint)).toEqual([0, 2, 2, 0, -2, 2, -3]);
  });

  it('int8 per channel: every value within half a step of its column scale', () => {
    fc.assert(
      fc.property(matrices, ({ k, n, w }) => {
        const { values, scales } = quantizePerChannel(w, k, n);
        for (let i = 0; i < k * n; i++) {
          const scale = scales[i % n] as number;
          if (Math.abs((values[i] as number) * scale - (w[i] as number)) > scale / 2 + 1e-6 * scale)
            return false;
        }
        return true;
      }),
    );
  });

  it.each([
    [4, 32, true],
    [4, 32, false],
    [4, 16, true],
    [8, 64, true],
    [8, 64, false],
  ] as const)(
    'int%i blocks of %i (symmetric %s): every value on its nearest level, in MatMulNBits layout',
    (bits, blockSize, symmetric) => {
      fc.assert(
        fc.property(matrices, ({ k, n, w }) => {
          const q = quantizeBlockwise(w, k, n, { bits, blockSize, symmetric });
          expect(q.packed.length).toBe((n * Math.ceil(k / blockSize) * blockSize * bits) / 8);
          for (let row = 0; row < k; row++) {
            for (let col = 0; col < n; col++) {
              const { value, scale, zero } = unpack(q, bits, blockSize, row, col);
              const w0 = w[row * n + col] as number;
              const nearest = Math.min(
                ...Array.from({ length: 1 << bits }, (_, code) =>
                  Math.abs(w0 - (code - zero) * scale),
                ),
              );
              // float32 products and sums move near-ties by a few ulps of the code.
              if (Math.abs(value - w0) > nearest + 1e-4 * Math.abs(scale)) return false;
            }
          }
          return true;
        }),
        { numRuns: 50 },
      );
    },
  );

  it('symmetric blocks map the signed extreme to the lowest code and use all 16 levels', () => {
    // One column, one block of 32: extreme −1 (scale 1/8), then +1 (scale −1/8).
    for (const sign of [1, -1]) {
      const w = Float32Array.from({ length: 32 }, (_, i) => (sign * (i - 16)) / 16);
      const q = quantizeBlockwise(w, 32, 1, { bits: 4, blockSize: 32, symmetric: true });
      expect(q.scales[0]).toBe(sign * 0.125);
      const codes = Array.from({ length: 32 }, (_, row) => unpack(q, 4, 32, row, 0).code);
      expect(codes[0]).toBe(0);
      expect(new Set(codes).size).toBe(16);
    }
  });

  it('rounds codes half up, as ONNX Runtime does (roundf of w / scale + 8)', () => {
    const w = new Float32Array(32);
    w.set([-8, 0.5, 2.5, -2.5, 1.5]);
    const q = quantizeBlockwise(w, 32, 1, { bits: 4, blockSize: 32, symmetric: true });
    expect(q.scales[0]).toBe(1);
    expect([0, 1, 2, 3, 4].map((row) => unpack(q, 4, 32, row, 0).code)).toEqual([0, 9, 11, 6, 10]);
  });

  it('keeps an all-zero block exact', () => {
    const q = quantizeBlockwise(new Float32Array(64), 32, 2, {
      bits: 4,
      blockSize: 32,
      symmetric: false,
    });
    expect([...q.scales]).toEqual([1, 1]);
    expect(unpack(q, 4, 32, 5, 1).value).toBe(0);
  });
});
