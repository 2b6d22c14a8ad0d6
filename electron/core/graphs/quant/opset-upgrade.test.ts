import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onnx, type ModelProto } from '../onnx-proto';
import { fixtureModels } from '../testing-models';
import { upgradeOpset } from './opset-upgrade';

async function logits(model: ModelProto): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(model).finish());
  const tokens = 3;
  const past = 2;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from([5n, 17n, 300n]), [1, tokens]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(past + tokens).fill(1n), [
      1,
      past + tokens,
    ]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from([2n, 3n, 4n]), [1, tokens]),
  };
  for (let layer = 0; layer < 2; layer++) {
    for (const kind of ['key', 'value']) {
      const values = Float32Array.from({ length: 2 * past * 32 }, (_, i) => Math.sin(i + layer));
      feeds[`past_key_values.${layer}.${kind}`] = new ort.Tensor('float32', values, [
        1,
        2,
        past,
        32,
      ]);
    }
  }
  const outputs = await session.run(feeds);
  await session.release();
  return outputs.logits?.data as Float32Array;
}

describe('upgradeOpset', () => {
  it('moves Reduce* axes to inputs at opset 21 and computes the same logits', async () => {
    const original = onnx.ModelProto.decode(readFileSync(fixtureModels.llama));
    const upgraded = onnx.ModelProto.decode(readFileSync(fixtureModels.llama));
    upgradeOpset(upgraded, 21);
    expect(upgraded.opsetImport?.[0]?.version).toBe(21);
    const reduce = upgraded.graph?.node?.filter((node) => node.opType === 'ReduceMean') ?? [];
    expect(reduce.length).toBeGreaterThan(0);
    for (const node of reduce) {
      expect(node.input).toHaveLength(2);
      expect(node.attribute?.some((attribute) => attribute.name === 'axes')).toBe(false);
    }
    const [before, after] = [await logits(original), await logits(upgraded)];
    expect(Array.from(after)).toEqual(Array.from(before));
  });

  it('never lowers an opset', () => {
    const model = onnx.ModelProto.decode(readFileSync(fixtureModels.llama));
    upgradeOpset(model, 13);
    expect(Number(model.opsetImport?.[0]?.version)).toBe(17);
  });
});
