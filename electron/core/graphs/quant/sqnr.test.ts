import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuantSpec } from '../../../../shared/quant-spec';
import { studioRoot } from '../../paths';
import { onnx, type Onnx } from '../onnx-proto';
import { fixtureModels } from '../testing-models';
import { dequantized, quantizeWeight, type IntSpec } from './quantized-weight';
import { rint, storedScale } from './rounding';
import { dimsOf, readFloat32 } from './tensor-data';

/** The studio's own models: the trained demo decoder and the two decoder fixtures. */
const models = {
  demo: join(studioRoot(), 'profiles/models/edge-infinite-tiny/edge_infinite_tiny_full.onnx'),
  ...fixtureModels,
};

interface Weight {
  name: string;
  values: Float32Array;
  k: number;
  n: number;
}

/** Every 2-D float initializer a MatMul reads as its weight. */
function matmulWeights(path: string): Weight[] {
  const model = onnx.ModelProto.decode(readFileSync(path));
  const graph = model.graph as Onnx.GraphProto;
  const weightNames = new Set(
    graph.node.filter((node) => node.opType === 'MatMul').map((node) => node.input?.[1] ?? ''),
  );
  return graph.initializer.flatMap((tensor) => {
    const dims = dimsOf(tensor);
    if (!weightNames.has(tensor.name ?? '') || dims.length !== 2) return [];
    const values = readFloat32(tensor, dirname(path));
    const [k = 0, n = 0] = dims;
    return values.ok ? [{ name: tensor.name ?? '', values: values.value, k, n }] : [];
  });
}

/** Σ w² and Σ (w − ŵ)² of one weight. */
type Error2 = { signal: number; noise: number };

/** The studio kernels' error for a spec. */
function studioError({ values, k, n }: Weight, spec: IntSpec): Error2 {
  const weight = quantizeWeight(values, k, n, spec);
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < k * n; i++) {
    const value = values[i] as number;
    signal += value * value;
    noise += (value - dequantized(weight, Math.floor(i / n), i % n)) ** 2;
  }
  return { signal, noise };
}

/** Plain round-to-nearest with the old symmetric rule: max |w| to 7, 15 of the 16 levels. */
function oldRuleError({ values, k, n }: Weight, blockSize: number): Error2 {
  let signal = 0;
  let noise = 0;
  for (let first = 0; first < k; first += blockSize) {
    const rows = Math.min(blockSize, k - first);
    for (let col = 0; col < n; col++) {
      let max = 0;
      for (let i = 0; i < rows; i++)
        max = Math.max(max, Math.abs(values[(first + i) * n + col] as number));
      const scale = storedScale(max / 7);
      for (let i = 0; i < rows; i++) {
        const value = values[(first + i) * n + col] as number;
        signal += value * value;
        noise += (value - Math.min(7, Math.max(-8, rint(value / scale))) * scale) ** 2;
      }
    }
  }
  return { signal, noise };
}

const sqnrDb = (errors: Error2[]) =>
  10 *
  Math.log10(
    errors.reduce((sum, e) => sum + e.signal, 0) / errors.reduce((sum, e) => sum + e.noise, 0),
  );

function spec(text: string): IntSpec {
  const parsed = parseQuantSpec(text);
  if (!parsed.ok || parsed.value.kind !== 'int') throw new Error(text);
  return parsed.value;
}

describe('reconstruction SQNR on the studio’s own models', () => {
  it.each(Object.entries(models))(
    '%s: int4 blocks beat the old 15-level rule, and -mse beats the default, tensor by tensor',
    (_, path) => {
      const weights = matmulWeights(path);
      expect(weights.length).toBeGreaterThan(4);
      for (const block of [32, 64, 128]) {
        const old = weights.map((weight) => oldRuleError(weight, block));
        const plain = weights.map((weight) => studioError(weight, spec(`int4-g${block}`)));
        const mse = weights.map((weight) => studioError(weight, spec(`int4-g${block}-mse`)));
        expect(sqnrDb(plain), `g${block} default vs old`).toBeGreaterThan(sqnrDb(old) + 0.2);
        expect(sqnrDb(mse), `g${block} mse vs default`).toBeGreaterThan(sqnrDb(plain) + 0.3);
        weights.forEach((weight, i) => {
          expect(sqnrDb([plain[i]!]), weight.name).toBeGreaterThan(sqnrDb([old[i]!]));
          expect(sqnrDb([mse[i]!]), weight.name).toBeGreaterThan(sqnrDb([plain[i]!]));
        });
      }
    },
  );

  it.each(Object.entries(models))('%s: -mse also helps int8 blocks and channels', (_, path) => {
    const weights = matmulWeights(path);
    for (const text of ['int8-g32', 'int8-channel']) {
      const plain = weights.map((weight) => studioError(weight, spec(text)));
      const mse = weights.map((weight) => studioError(weight, spec(`${text}-mse`)));
      expect(sqnrDb(mse), text).toBeGreaterThan(sqnrDb(plain));
    }
  });
});
