import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKernels } from './wasm/build-kernels.mjs';
import { blockSimdFits, quantizeBlocksSimd, quantizePerChannelSimd } from './simd-kernels';
import { quantizeBlockwise } from './weight-kernels-blockwise';
import { quantizePerChannel } from './weight-kernels-channel';

/** K × N matrices with N a multiple of 16 and K a multiple of the block. */
const matrices = (block: number) =>
  fc
    .record({
      blocks: fc.integer({ min: 1, max: 4 }),
      groups: fc.integer({ min: 1, max: 4 }),
      range: fc.double({ min: 0.01, max: 50, noNaN: true }),
    })
    .chain(({ blocks, groups, range }) =>
      fc
        .float32Array({
          minLength: blocks * block * groups * 16,
          maxLength: blocks * block * groups * 16,
          min: Math.fround(-range),
          max: Math.fround(range),
          noNaN: true,
          noDefaultInfinity: true,
        })
        .map((w) => ({ k: blocks * block, n: groups * 16, w })),
    );

describe('SIMD kernels', () => {
  it('are what kernels.wat compiles to', async () => {
    const committed = readFileSync(join(import.meta.dirname, 'wasm', 'kernels.wasm'));
    expect(Buffer.compare(await compileKernels(), committed)).toBe(0);
  });

  it.each([false, true])(
    'quantise per channel exactly like the scalar kernel (search %s)',
    (search) => {
      fc.assert(
        fc.property(matrices(1), ({ k, n, w }) => {
          const simd = quantizePerChannelSimd(w, k, n, search);
          const scalar = quantizePerChannel(w, k, n, search);
          expect(simd.scales).toEqual(scalar.scales);
          expect(simd.values).toEqual(scalar.values);
        }),
        { numRuns: 40 },
      );
    },
  );

  it.each([
    [4, 32, false],
    [4, 64, false],
    [4, 128, false],
    [4, 32, true],
    [4, 128, true],
    [8, 32, false],
    [8, 128, false],
    [8, 32, true],
    [8, 64, true],
  ] as const)(
    'pack symmetric int%i blocks of %i exactly like the scalar kernel (search %s)',
    (bits, blockSize, search) => {
      fc.assert(
        fc.property(matrices(blockSize), ({ k, n, w }) => {
          expect(blockSimdFits(k, n, bits, blockSize)).toBe(true);
          const simd = quantizeBlocksSimd(w, k, n, { bits, blockSize, search });
          const scalar = quantizeBlockwise(w, k, n, { bits, blockSize, symmetric: true, search });
          expect(simd.scales).toEqual(scalar.scales);
          expect(simd.packed).toEqual(scalar.packed);
        }),
        { numRuns: 25 },
      );
    },
  );

  it('agree on blocks of zeros, of one repeated value and of values tying at .5', () => {
    const k = 32;
    const n = 16;
    const cases = [
      new Float32Array(k * n),
      new Float32Array(k * n).fill(-3.25),
      Float32Array.from({ length: k * n }, (_, i) => (i % 17) - 8 + (i % 2) * 0.5),
      Float32Array.from({ length: k * n }, (_, i) => ((i % 5) - 2) * 1e-39),
    ];
    for (const w of cases) {
      for (const search of [false, true]) {
        const simd = quantizeBlocksSimd(w, k, n, { bits: 4, blockSize: 32, search });
        const scalar = quantizeBlockwise(w, k, n, {
          bits: 4,
          blockSize: 32,
          symmetric: true,
          search,
        });
        expect(simd.scales).toEqual(scalar.scales);
        expect(simd.packed).toEqual(scalar.packed);
      }
    }
  });
});
