import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactCache } from '../core/graphs/artifact-cache';
import { buildGraphs } from '../core/graphs/build-graphs';
import { inspectGraphFile } from '../core/graphs/graph-service';
import { fixtureModels } from '../core/graphs/testing-models';
import { tempDataDir } from '../core/testing';
import { weightBytes, writeSyntheticDecoder } from './synthetic-decoder';

const shape = { layers: 2, hidden: 128, heads: 4, intermediate: 256, vocab: 512 };

describe('writeSyntheticDecoder', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.cleanup());

  it('writes an optimum-style decoder with its float weights in model.onnx.data that the studio builds', async () => {
    const model = await writeSyntheticDecoder(data.dir, shape);
    copyFileSync(
      join(fixtureModels.llama, '..', 'tokenizer.json'),
      join(data.dir, 'tokenizer.json'),
    );
    expect(statSync(join(data.dir, 'model.onnx.data')).size).toBe(weightBytes(shape));
    const inspection = await inspectGraphFile(model);
    expect(inspection.ok && inspection.value.convention).toBe('optimum');
    const scenario = { chunk: 8, sink: 2, window: 14, memory: 'off' } as const;
    const cache = new ArtifactCache(join(data.dir, 'artifacts'));
    const built = await buildGraphs({ model, scenario, quant: 'int4-g32' }, cache);
    if (!built.ok) throw new Error(built.error.message);
    // 7 matrices a layer; the output head stays float.
    expect(built.value.quantization).toHaveLength(2 * 7);
    expect(built.value.decode.outputs.find((o) => o.name === 'logits')?.shape).toEqual([1, 1, 512]);
  });
});
