import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kvCacheBytes, memoryStateBytes } from '../../../shared/graph';
import { tempDataDir } from '../testing';
import { inspectModel } from './inspect';
import { readOnnx } from './onnx-io';
import { onnx } from './onnx-proto';
import { addModel, dynamoModels, fixtureModels } from './testing-models';

async function inspect(path: string) {
  const loaded = await readOnnx(path);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return inspectModel(loaded.value);
}

describe('inspectModel', () => {
  it('recognises an optimum-style Llama decoder and its geometry', async () => {
    const inspection = await inspect(fixtureModels.llama);
    expect(inspection.convention).toBe('optimum');
    expect(inspection.opset).toBe(17);
    expect(inspection.decoder).toEqual({
      layers: 2,
      heads: 4,
      kvHeads: 2,
      headDim: 32,
      vocab: 512,
      cacheDtype: 'float32',
      memoryElementsPerLayer: null,
      derived: [],
    });
    expect(inspection.tokenizer).toBe('tokenizer.json');
    expect(inspection.inputs[0]).toEqual({
      name: 'input_ids',
      dtype: 'int64',
      shape: ['batch_size', 'sequence_length'],
    });
    expect(inspection.opHistogram.MatMul).toBeGreaterThan(0);
    expect(inspection.parameters.bytesByDtype.float32).toBe(inspection.parameters.count * 4);
  });

  it.each(Object.entries(dynamoModels))(
    'derives the heads of the %s dynamo export, which has no config.json, from its q projection',
    async (_name, path) => {
      const inspection = await inspect(path);
      expect(inspection.decoder).toMatchObject({ heads: 4, kvHeads: 2, headDim: 32, vocab: 512 });
      expect(inspection.decoder?.derived).toEqual(['heads']);
      expect(inspection.tokenizer).toBeNull();
    },
  );

  it('sees the q/k/v biases of the Qwen2-style fixture', async () => {
    const llama = await inspect(fixtureModels.llama);
    const qwen = await inspect(fixtureModels.qwen2);
    const biases = 2 * (128 + 64 + 64);
    expect(qwen.parameters.count - llama.parameters.count).toBe(biases);
  });

  it('computes KV-cache bytes for a scenario', async () => {
    const { decoder } = await inspect(fixtureModels.llama);
    if (!decoder) throw new Error('no decoder');
    const scenario = { chunk: 64, sink: 4, window: 252, memory: 'off' } as const;
    expect(kvCacheBytes(decoder, scenario)).toBe(2 * 2 * 2 * 256 * 32 * 4);
    expect(memoryStateBytes(decoder, { ...scenario, memory: 'on' })).toBe(0);
  });

  it('reports a graph that is not a decoder without geometry', async () => {
    const data = tempDataDir();
    const path = join(data.dir, 'add.onnx');
    writeFileSync(path, onnx.ModelProto.encode(addModel()).finish());
    const inspection = await inspect(path);
    expect(inspection.convention).toBe('unknown');
    expect(inspection.decoder).toBeNull();
    expect(inspection.opHistogram).toEqual({ Add: 1 });
    data.cleanup();
  });
});
