import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { parseQuantSpec } from '../../../../shared/quant-spec';
import { onnx, type ModelProto } from '../onnx-proto';
import { quantizeWeights } from './quantize-graph';
import { dequantized, quantizeWeight, type IntSpec } from './quantized-weight';
import { rawTensor } from './tensor-data';

const K = 64;
const N = 24;
const rows = 3;

function random(count: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from(
    { length: count },
    () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1,
  );
}

/** y = a · W with W a K × N float initializer. */
function matmulModel(weights: Float32Array): ModelProto {
  const value = (name: string, dims: number[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
    });
  return onnx.ModelProto.create({
    irVersion: 10,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'matmul',
      node: [{ name: 'proj/MatMul', opType: 'MatMul', input: ['a', 'w'], output: ['y'] }],
      input: [value('a', [rows, K])],
      output: [value('y', [rows, N])],
      initializer: [rawTensor('w', onnx.TensorProto.DataType.FLOAT, [K, N], weights)],
    },
  });
}

/** Runs y = model(a); `exact` turns off ORT's graph fusions, which may requantise activations. */
async function run(model: ModelProto, a: Float32Array, exact = false): Promise<Float32Array> {
  const options: ort.InferenceSession.SessionOptions = exact
    ? { graphOptimizationLevel: 'disabled' }
    : {};
  const session = await ort.InferenceSession.create(
    onnx.ModelProto.encode(model).finish(),
    options,
  );
  const { y } = await session.run({ a: new ort.Tensor('float32', a, [rows, K]) });
  await session.release();
  return y?.data as Float32Array;
}

function spec(text: string): IntSpec {
  const parsed = parseQuantSpec(text);
  if (!parsed.ok || parsed.value.kind !== 'int') throw new Error(text);
  return parsed.value;
}

describe('quantizeWeights', () => {
  const weights = random(K * N, 7);
  const a = random(rows * K, 11);

  it.each([
    'int8-channel',
    'int8-channel-asym',
    'int4-channel',
    'int8-g32',
    'int4-g32:qdq',
    'int4-g64-asym:qdq',
    'int4-g32',
    'int4-g32-asym:nbits',
    'int8-g32:nbits',
  ])('%s: the graph computes a · dequantised(W), and loads in onnxruntime', async (text) => {
    const model = matmulModel(weights);
    const reports = await quantizeWeights(model, spec(text), { modelDir: '.' });
    if (!reports.ok) throw new Error(reports.error.message);
    expect(reports.value).toHaveLength(1);
    const report = reports.value[0];
    const reference = await run(matmulModel(dequantizedWeights(weights, spec(text))), a, true);
    const exact = await run(model, a, true);
    for (let i = 0; i < exact.length; i++) expect(exact[i]).toBeCloseTo(reference[i] as number, 4);
    const optimised = await run(model, a);
    const scale = Math.max(...reference.map(Math.abs));
    for (let i = 0; i < optimised.length; i++)
      expect(Math.abs((optimised[i] as number) - (reference[i] as number))).toBeLessThan(
        0.02 * scale,
      );
    expect(report?.bytesAfter).toBeLessThan(report?.bytesBefore ?? 0);
    expect(report?.sqnrDb).toBeGreaterThan(text.startsWith('int8') ? 35 : 15);
    expect(model.graph?.initializer?.some((t) => t.name === 'w')).toBe(false);
  });

  it('names the spec and tensor when a group does not divide K', async () => {
    const model = matmulModel(random(48 * N, 3));
    model.graph!.initializer![0]!.dims = [48, N];
    const result = await quantizeWeights(model, spec('int4-g32'), { modelDir: '.' });
    expect(!result.ok && result.error.message).toBe(
      'int4-g32:nbits: group size 32 does not divide K = 48 of tensor w',
    );
  });

  it('names the spec and tensor when a weight cannot take the format', async () => {
    const model = matmulModel(weights);
    model.graph!.initializer![0]!.dims = [1, K, N];
    const result = await quantizeWeights(model, spec('int4-g32'), { modelDir: '.' });
    expect(!result.ok && result.error.message).toBe(
      'int4-g32:nbits: tensor w has shape [1, 64, 24]; weight quantisation takes 2-D MatMul weights (keep it in float with --keep-float w)',
    );
  });

  it('keeps excluded weights in float', async () => {
    const model = matmulModel(weights);
    const result = await quantizeWeights(model, spec('int8-channel'), {
      modelDir: '.',
      exclude: ['proj'],
    });
    expect(result.ok && result.value).toEqual([]);
    expect(model.graph?.node?.map((node) => node.opType)).toEqual(['MatMul']);
  });
});

/** W as the quantised graph sees it, computed on the JS side from the same kernels. */
function dequantizedWeights(weights: Float32Array, quantSpec: IntSpec): Float32Array {
  const quantized = quantizeWeight(weights, K, N, quantSpec);
  return Float32Array.from({ length: K * N }, (_, i) =>
    dequantized(quantized, Math.floor(i / N), i % N),
  );
}
