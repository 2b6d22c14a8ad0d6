import * as ort from 'onnxruntime-node';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphArtifact } from '../../../shared/graph';
import { tempDataDir } from '../testing';
import { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import { externalDataOf, onnx, type ValueInfo } from './onnx-proto';

const fixtures = join(import.meta.dirname, 'fixtures');
const inline = join(fixtures, 'llama-dynamo', 'model.onnx');
const external = join(fixtures, 'llama-dynamo-external', 'model.onnx');
const scenario = { chunk: 8, sink: 4, window: 28, memory: 'off' } as const;

type Built = GraphArtifact & { dir: string };

describe('weights of a built artifact', () => {
  let data: ReturnType<typeof tempDataDir>;
  let cache: ArtifactCache;
  beforeEach(() => {
    data = tempDataDir();
    cache = new ArtifactCache(join(data.dir, 'artifacts'));
  });
  afterEach(() => data.cleanup());

  const build = async (model: string, quant: string): Promise<Built> => {
    const built = await buildGraphs({ model, scenario, quant }, cache);
    if (!built.ok) throw new Error(built.error.message);
    return built.value;
  };

  it('builds the external-data fixture at int4-g32 as small as the inline one, with no float copy of a quantised weight, and the same logits', async () => {
    const fromInline = await build(inline, 'int4-g32');
    const fromExternal = await build(external, 'int4-g32');
    expect(fromExternal.quantization.length).toBeGreaterThan(10);
    expect(Math.abs(artifactBytes(fromExternal) / artifactBytes(fromInline) - 1)).toBeLessThan(
      0.05,
    );
    const files = readdirSync(fromExternal.dir).map((file) =>
      readFileSync(join(fromExternal.dir, file)),
    );
    const floats = floatWeights(inline);
    for (const { tensor } of fromExternal.quantization) {
      const head = (floats.get(tensor) as Buffer).subarray(0, 256);
      expect(
        files.some((bytes) => bytes.includes(head)),
        tensor,
      ).toBe(false);
    }
    for (const graph of ['prefill', 'decode'] as const) {
      expect(await logits(fromExternal, graph)).toEqual(await logits(fromInline, graph));
    }
  });

  it('points both graphs at one weights file holding each tensor they read once', async () => {
    const built = await build(external, 'int4-g32');
    const [prefill, decode] = [built.prefill, built.decode].map((graph) =>
      externalTensors(join(built.dir, graph.file)),
    );
    expect(prefill?.size).toBeGreaterThan(10);
    expect(decode).toEqual(prefill);
    const stored = [...(prefill?.values() ?? [])];
    expect(new Set(stored.map((entry) => entry.location))).toEqual(new Set(['weights.data']));
    const bytes = stored.reduce((sum, entry) => sum + entry.length, 0);
    const size = statSync(join(built.dir, 'weights.data')).size;
    // Tensors start 64-byte aligned: at most 63 bytes of padding each.
    expect(size).toBeGreaterThanOrEqual(bytes);
    expect(size).toBeLessThan(bytes + 64 * stored.length);
  });

  it('copies only the tensors a float build reads, not the whole data file', async () => {
    const built = await build(external, 'float');
    const read = [...externalTensors(join(built.dir, built.prefill.file)).values()];
    const bytes = read.reduce((sum, entry) => sum + entry.length, 0);
    // The fixture's model.onnx.data also holds an unreferenced copy of every tensor (3.4 MB).
    expect(bytes).toBe(1_703_936);
    expect(statSync(join(built.dir, 'weights.data')).size).toBeLessThan(bytes + 64 * read.length);
    expect(artifactBytes(built)).toBeLessThan(
      statSync(join(fixtures, 'llama-dynamo', 'model.onnx')).size,
    );
  });
});

/** Bytes of an artifact's graphs and weights (not its manifest or tokenizer). */
function artifactBytes(built: Built): number {
  return readdirSync(built.dir)
    .filter((file) => file.endsWith('.onnx') || file.endsWith('.data'))
    .reduce((sum, file) => sum + statSync(join(built.dir, file)).size, 0);
}

/** The float32 bytes of each initializer of an inline model. */
function floatWeights(path: string): Map<string, Buffer> {
  const model = onnx.ModelProto.decode(readFileSync(path));
  return new Map(
    (model.graph?.initializer ?? []).map((t) => [t.name ?? '', Buffer.from(t.rawData ?? [])]),
  );
}

/** Name → external location, offset and length of each external initializer of a graph file. */
function externalTensors(path: string) {
  const model = onnx.ModelProto.decode(readFileSync(path));
  const entries = (model.graph?.initializer ?? []).flatMap((tensor) => {
    const entry = externalDataOf(tensor);
    return entry ? [[tensor.name ?? '', entry] as const] : [];
  });
  return new Map(entries);
}

/** Logits of one graph of an artifact on fixed tokens, an empty cache and its slots masked. */
async function logits(built: Built, graph: 'prefill' | 'decode'): Promise<Float32Array> {
  const path = join(built.dir, built[graph].file);
  const model = onnx.ModelProto.decode(readFileSync(path));
  const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1 });
  try {
    const outputs = await session.run(feeds(model.graph?.input ?? []));
    return outputs.logits?.data as Float32Array;
  } finally {
    await session.release();
  }
}

function feeds(inputs: readonly ValueInfo[]): Record<string, ort.Tensor> {
  const dimsOf = (input: ValueInfo) =>
    (input.type?.tensorType?.shape?.dim ?? []).map((dim) => Number(dim.dimValue));
  const named = (name: string) => dimsOf(inputs.find((input) => input.name === name) ?? {});
  const tokens = named('input_ids')[1] ?? 1;
  const past = (named('attention_mask')[1] ?? tokens) - tokens;
  const feed: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    const dims = dimsOf(input);
    const count = dims.reduce((a, b) => a * b, 1);
    const ints = (value: (i: number) => number) =>
      new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: count }, (_, i) => BigInt(value(i))),
        dims,
      );
    if (input.name === 'input_ids') feed[input.name] = ints((i) => (i * 37 + 11) % 512);
    // The cache slots are empty (masked): the new tokens sit after them and see each other.
    else if (input.name === 'position_ids') feed[input.name] = ints((i) => past + i);
    else if (input.name === 'attention_mask') feed[input.name] = ints((i) => (i >= past ? 1 : 0));
    // A self-contained graph: an empty cache (length 0), every token of the chunk real.
    else if (input.name === 'past_length') feed[input.name] = ints(() => 0);
    else if (input.name === 'chunk_mask')
      feed[input.name] = new ort.Tensor('float32', new Float32Array(count).fill(1), dims);
    else feed[input.name ?? ''] = new ort.Tensor('float32', new Float32Array(count), dims);
  }
  return feed;
}
