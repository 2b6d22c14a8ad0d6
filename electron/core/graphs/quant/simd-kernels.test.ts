import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKernels } from './wasm/build-kernels.mjs';
import { quantizeInt4BlocksSimd, quantizePerChannelSimd } from './simd-kernels';
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

  it('quantise per channel exactly like the scalar kernel', () => {
    fc.assert(
      fc.property(matrices(1), ({ k, n, w }) => {
        const simd = quantizePerChannelSimd(w, k, n);
        const scalar = quantizePerChannel(w, k, n);
        expect(simd.scales).toEqual(scalar.scales);
        expect(simd.values).toEqual(scalar.values);
      }),
      { numRuns: 60 },
    );
  });

  it.each([16, 32, 128])(
    'pack symmetric int4 blocks of %i exactly like the scalar kernel',
    (block) => {
      fc.assert(
        fc.property(matrices(block), ({ k, n, w }) => {
          const simd = quantizeInt4BlocksSimd(w, k, n, block);
          const scalar = quantizeBlockwise(w, k, n, { bits: 4, blockSize: block, symmetric: true });
          expect(simd.scales).toEqual(scalar.scales);
          expect(simd.packed).toEqual(scalar.packed);
        }),
        { numRuns: 30 },
      );
    },
  );
});
