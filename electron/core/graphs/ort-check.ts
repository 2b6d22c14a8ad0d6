import * as ort from 'onnxruntime-node';
import type { DecoderGeometry, ModelInspection } from '../../../shared/graph';
import { fail, ok, type Result } from '../../../shared/result';
import { errorMessage } from '../log';
import { onnx, type ModelProto, type ValueInfo } from './onnx-proto';
import { presentLength } from './self-contained';

type Feeds = Record<string, ort.Tensor>;

const typedArrays: Record<number, (size: number) => ort.Tensor['data']> = {
  [onnx.TensorProto.DataType.FLOAT]: (n) => new Float32Array(n),
  [onnx.TensorProto.DataType.INT64]: (n) => new BigInt64Array(n),
  [onnx.TensorProto.DataType.INT32]: (n) => new Int32Array(n),
  [onnx.TensorProto.DataType.BOOL]: (n) => new Uint8Array(n),
};
const ortTypes: Record<number, ort.Tensor.Type> = {
  1: 'float32',
  7: 'int64',
  6: 'int32',
  9: 'bool',
};

/** Inputs for one smoke run: zeros, with masks set to 1 so every slot is attended. */
export function smokeFeeds(inputs: readonly ValueInfo[]): Result<Feeds> {
  const feeds: Feeds = {};
  for (const input of inputs) {
    const elemType = input.type?.tensorType?.elemType ?? 0;
    const dims = (input.type?.tensorType?.shape?.dim ?? []).map((dim) => Number(dim.dimValue ?? 0));
    const make = typedArrays[elemType];
    if (!make)
      return fail(
        'invalid-model',
        `Input ${input.name} has a type the smoke run cannot feed (${elemType})`,
      );
    const data = make(dims.reduce((a, b) => a * b, 1));
    if (/mask/.test(input.name ?? '')) data.fill((data instanceof BigInt64Array ? 1n : 1) as never);
    feeds[input.name ?? ''] = new ort.Tensor(ortTypes[elemType] as ort.Tensor.Type, data, dims);
  }
  return ok(feeds);
}

/** Runs a graph file once in onnxruntime-node and returns each output's dims. */
export async function runOnce(
  path: string,
  model: ModelProto,
): Promise<Result<Record<string, number[]>>> {
  const feeds = smokeFeeds(model.graph?.input ?? []);
  if (!feeds.ok) return feeds;
  let session: ort.InferenceSession | undefined;
  try {
    session = await ort.InferenceSession.create(path, {
      intraOpNumThreads: 1,
      graphOptimizationLevel: 'basic',
      // Prepacking copies every constant MatMul weight (quantised and float) into a packed
      // buffer: for one smoke run that doubles the weights in memory and buys nothing.
      extra: { session: { disable_prepacking: '1' } },
    });
    const outputs = await session.run(feeds.value);
    return ok(
      Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, [...tensor.dims]])),
    );
  } catch (error) {
    return fail('build-failed', `onnxruntime could not run ${path}: ${errorMessage(error)}`);
  } finally {
    await session?.release();
  }
}

/**
 * The output dims a specialised decoder must produce: self-contained, its next cache has the
 * past's S + W slots whatever the convention (an import also returns its token count).
 */
export function expectedOutputDims(
  inspection: ModelInspection,
  decoder: DecoderGeometry,
  dims: { tokens: number; cache: number },
): Record<string, number[]> {
  const expected: Record<string, number[]> = {};
  if (decoder.vocab !== null) expected.logits = [1, dims.tokens, decoder.vocab];
  if (inspection.convention === 'optimum') expected[presentLength] = [1];
  for (let layer = 0; layer < decoder.layers; layer++) {
    for (const kind of ['key', 'value']) {
      expected[`present.${layer}.${kind}`] = [1, decoder.kvHeads, dims.cache, decoder.headDim];
    }
  }
  return expected;
}

/** Checks ORT's output dims against the expected ones, naming the first mismatch. */
export function checkOutputDims(
  actual: Record<string, number[]>,
  expected: Record<string, number[]>,
): Result<void> {
  for (const [name, dims] of Object.entries(expected)) {
    const got = actual[name];
    if (!got || got.join('x') !== dims.join('x')) {
      return fail(
        'build-failed',
        `Output ${name} has shape [${got?.join(', ') ?? 'missing'}], expected [${dims.join(', ')}]`,
      );
    }
  }
  return ok(undefined);
}

/** Writes the ORT-reported dims into the model's outputs, so nothing symbolic is left. */
export function pinOutputs(model: ModelProto, actual: Record<string, number[]>): void {
  for (const output of model.graph?.output ?? []) {
    const dims = actual[output.name ?? ''];
    const shape = output.type?.tensorType?.shape;
    if (dims && shape)
      shape.dim = dims.map((value) => onnx.TensorShapeProto.Dimension.create({ dimValue: value }));
  }
}
