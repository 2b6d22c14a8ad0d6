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
  return { value: (raw - zero) * (q.scales[index] as number), scale: q.scales[index] as number };
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
    [8, 64, false],
  ] as const)(
    'int%i blocks of %i (symmetric %s): within half a step, in MatMulNBits layout',
    (bits, blockSize, symmetric) => {
      fc.assert(
        fc.property(matrices, ({ k, n, w }) => {
          const q = quantizeBlockwise(w, k, n, { bits, blockSize, symmetric });
          expect(q.packed.length).toBe((n * Math.ceil(k / blockSize) * blockSize * bits) / 8);
          for (let row = 0; row < k; row++) {
            for (let col = 0; col < n; col++) {
              const { value, scale } = unpack(q, bits, blockSize, row, col);
              if (Math.abs(value - (w[row * n + col] as number)) > scale / 2 + 1e-5 * scale)
                return false;
            }
          }
          return true;
        }),
        { numRuns: 50 },
      );
    },
  );

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
