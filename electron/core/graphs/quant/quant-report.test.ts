import { describe, expect, it } from 'vitest';
import { parseQuantSpec } from '../../../../shared/quant-spec';
import { reportTensor } from './quant-report';
import { dequantized, quantizeWeight, type IntSpec } from './quantized-weight';

function intSpec(text: string): IntSpec {
  const parsed = parseQuantSpec(text);
  if (!parsed.ok || parsed.value.kind !== 'int') throw new Error(text);
  return parsed.value;
}

function randomWeights(length: number): Float32Array {
  let seed = 7;
  const next = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Float32Array.from({ length }, () => next() ** 3);
}

/** The report's definition, element by element through the graph's own dequantisation. */
function referenceReport(original: Float32Array, k: number, n: number, spec: IntSpec) {
  const weight = quantizeWeight(original, k, n, spec);
  let signal = 0;
  let noise = 0;
  let maxAbsError = 0;
  for (let row = 0; row < k; row++) {
    for (let col = 0; col < n; col++) {
      const value = original[row * n + col] as number;
      const error = value - dequantized(weight, row, col);
      signal += value * value;
      noise += error * error;
      maxAbsError = Math.max(maxAbsError, Math.abs(error));
    }
  }
  return { weight, sqnrDb: 10 * Math.log10(signal / noise), maxAbsError };
}

describe('reportTensor', () => {
  const [k, n] = [128, 24];
  const original = randomWeights(k * n);
  for (const text of ['int8-channel', 'int4-g32', 'int4-g64-asym', 'int8-g32', 'int8-g128-asym']) {
    it(`decodes ${text} in stored order to the same SQNR and worst error as element by element`, () => {
      const reference = referenceReport(original, k, n, intSpec(text));
      const report = reportTensor('w', original, reference.weight, 10);
      expect(report.sqnrDb).toBeCloseTo(reference.sqnrDb, 9);
      expect(report.maxAbsError).toBeCloseTo(reference.maxAbsError, 12);
      expect(report).toMatchObject({ tensor: 'w', shape: [k, n], bytesBefore: k * n * 4 });
    });
  }
});
