import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { parseQuantSpec } from '../../../../shared/quant-spec';
import { logitsRow, type Logits } from '../fidelity/logits';
import { compareLogits, type FidelitySummary } from '../fidelity/metrics';
import { onnx, type ModelProto } from '../onnx-proto';
import type { IntSpec } from './quantized-weight';
import { quantizeWeights } from './quantize-graph';

/**
 * The studio's quantiser against ONNX Runtime's own (MatMulNBitsQuantizer, ORT 1.30) on the
 * torch-dynamo Llama fixture: fixtures/ort-quant holds ORT's RTN (symmetric, int4/int8) and HQQ
 * (int4) models for block sizes 32, 64 and 128, every MatMul quantised, the head included
 * (fixtures/make_dynamo_fixtures.py). Shared by the quantiser's tests and the quant-fidelity bench.
 */
const fixtures = join(import.meta.dirname, '..', 'fixtures');
export const floatModelPath = join(fixtures, 'llama-dynamo', 'model.onnx');

/** ORT's quantised model of the fixture: `rtn-int4-g32`, `hqq-int4-g128`, … */
export function ortModelPath(name: string): string {
  return join(fixtures, 'ort-quant', `llama-dynamo.${name}.onnx`);
}

/** Prompt tokens for a prefill: a fixed pseudo-random sequence over the fixture's vocabulary. */
export function promptTokens(count: number, vocab = 512, seed = 7): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % vocab;
  });
}

/** The logits of every prompt token, from one prefill with an empty cache. */
export async function prefillLogits(
  model: string | Uint8Array,
  tokens: readonly number[],
): Promise<Logits[]> {
  const options = { intraOpNumThreads: 1, interOpNumThreads: 1 };
  const session =
    typeof model === 'string'
      ? await ort.InferenceSession.create(model, options)
      : await ort.InferenceSession.create(model, options);
  try {
    const count = tokens.length;
    const int64 = (values: number[]) =>
      new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, count]);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: int64([...tokens]),
      attention_mask: int64(tokens.map(() => 1)),
      position_ids: int64(tokens.map((_, i) => i)),
    };
    for (const input of session.inputMetadata) {
      if (!input.isTensor || input.name in feeds) continue;
      // past_key_values.N.key|value: [batch, heads, past, head_dim] with batch 1 and past 0.
      const dims = input.shape.map((dim, axis) =>
        axis === 0 ? 1 : typeof dim === 'number' ? dim : 0,
      );
      feeds[input.name] = new ort.Tensor('float32', new Float32Array(0), dims);
    }
    const { logits } = await session.run(feeds);
    const data = logits?.data as Float32Array;
    const vocab = data.length / count;
    return tokens.map((_, row) => logitsRow(data, row, vocab));
  } finally {
    await session.release();
  }
}

/** The float fixture with every MatMul (the head included) quantised by the studio. */
export async function studioQuantized(specText: string): Promise<ModelProto> {
  const parsed = parseQuantSpec(specText);
  if (!parsed.ok || parsed.value.kind !== 'int') throw new Error(`not an int spec: ${specText}`);
  const model = onnx.ModelProto.decode(readFileSync(floatModelPath));
  const reports = await quantizeWeights(model, parsed.value as IntSpec, {
    modelDir: join(fixtures, 'llama-dynamo'),
    exclude: [],
    quantizeHead: true,
  });
  if (!reports.ok) throw new Error(reports.error.message);
  return model;
}

/** How close a model's prefill logits are to the float fixture's. */
export async function fidelityToFloat(
  model: string | ModelProto,
  tokens: readonly number[],
  reference?: Logits[],
): Promise<FidelitySummary> {
  const floatLogits = reference ?? (await prefillLogits(floatModelPath, tokens));
  const bytes = typeof model === 'string' ? model : onnx.ModelProto.encode(model).finish();
  return compareLogits(floatLogits, await prefillLogits(bytes, tokens));
}
