import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { tempDataDir } from '../testing';
import { writeWeights } from './build-weights';
import { externalDataOf, onnx, type Onnx } from './onnx-proto';
import { rawTensor } from './quant/tensor-data';
import { WeightsFile } from './weights-file';

const { FLOAT, UINT8 } = onnx.TensorProto.DataType;

function bytes(count: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: count }, (_, i) => (i * 31 + seed) & 0xff);
}

function externalTensor(name: string, offset: number, length: number): Onnx.TensorProto {
  return onnx.TensorProto.create({
    name,
    dataType: UINT8,
    dims: [length],
    dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [
      { key: 'location', value: 'model.onnx.data' },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(length) },
    ],
  });
}

describe('WeightsFile', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.cleanup());

  const stored = (dir: string, tensor: Onnx.ITensorProto) => {
    const entry = externalDataOf(tensor);
    if (!entry) throw new Error(`${tensor.name} is inline`);
    return readFileSync(join(dir, entry.location)).subarray(
      entry.offset,
      entry.offset + entry.length,
    );
  };

  it('appends large tensors 64-byte aligned, once each, and keeps small ones inline', async () => {
    const weights = await WeightsFile.create(data.dir);
    const first = await weights.store(rawTensor('a', UINT8, [2000], bytes(2000, 1)), data.dir);
    const second = await weights.store(rawTensor('b', UINT8, [1500], bytes(1500, 2)), data.dir);
    const small = rawTensor('c', UINT8, [100], bytes(100, 3));
    expect(await weights.store(small, data.dir)).toBe(small);
    expect(await weights.store(second, data.dir)).toBe(second);
    await weights.close();
    expect([first, second].map((t) => externalDataOf(t))).toEqual([
      { location: 'weights.data', offset: 0, length: 2000 },
      { location: 'weights.data', offset: 2048, length: 1500 },
    ]);
    expect(weights.size).toBe(2048 + 1500);
    expect(stored(data.dir, first)).toEqual(Buffer.from(bytes(2000, 1)));
    expect(stored(data.dir, second)).toEqual(Buffer.from(bytes(1500, 2)));
    expect(first.rawData?.length ?? 0).toBe(0);
  });

  it('copies an external tensor by range from the model data file, and inlines a small one', async () => {
    const source = bytes(40_000, 9);
    writeFileSync(join(data.dir, 'model.onnx.data'), source);
    const out = join(data.dir, 'artifact');
    mkdirSync(out);
    const weights = await WeightsFile.create(out);
    const large = await weights.store(externalTensor('large', 1000, 30_000), data.dir);
    const small = await weights.store(externalTensor('small', 7, 10), data.dir);
    await weights.close();
    expect(stored(out, large)).toEqual(Buffer.from(source.subarray(1000, 31_000)));
    expect(externalDataOf(small)).toBeNull();
    expect(Buffer.from(small.rawData ?? [])).toEqual(Buffer.from(source.subarray(7, 17)));
    expect(weights.size).toBe(30_000);
  });
});

describe('writeWeights', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.cleanup());

  /** y = x + bias, with a stale initializer no node reads (also listed as an input, IR 3 style). */
  function biasModel(length: number) {
    const value = (name: string) =>
      onnx.ValueInfoProto.create({
        name,
        type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: length }] } } },
      });
    const floats = (seed: number) => Float32Array.from({ length }, (_, i) => i * seed);
    return onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'bias',
        node: [{ opType: 'Add', input: ['x', 'bias'], output: ['y'] }],
        input: [value('x'), value('stale')],
        output: [value('y')],
        initializer: [
          rawTensor('bias', FLOAT, [length], floats(1)),
          rawTensor('stale', FLOAT, [length], floats(2)),
        ],
      },
    });
  }

  it('moves what the nodes read into weights.data and drops what they do not, leaving the model as it was', async () => {
    const model = biasModel(1024);
    const loaded = { path: join(data.dir, 'model.onnx'), dir: data.dir, model, externalFiles: [] };
    const written = await writeWeights(loaded, data.dir, async () => ok([]));
    if (!written.ok) throw new Error(written.error.message);
    const graph = written.value.loaded.model.graph;
    expect(graph?.initializer?.map((t) => t.name)).toEqual(['bias']);
    expect(graph?.input?.map((input) => input.name)).toEqual(['x']);
    expect(externalDataOf(graph?.initializer?.[0] ?? {})).toEqual({
      location: 'weights.data',
      offset: 0,
      length: 4096,
    });
    expect(written.value.loaded.externalFiles).toEqual(['weights.data']);
    expect(model.graph?.initializer?.map((t) => t.rawData?.length)).toEqual([4096, 4096]);
  });

  it('writes no weights file when every tensor is small enough to stay inline', async () => {
    const loaded = { path: '', dir: data.dir, model: biasModel(16), externalFiles: [] };
    const written = await writeWeights(loaded, data.dir, async () => ok([]));
    expect(written.ok && written.value.loaded.externalFiles).toEqual([]);
    expect(existsSync(join(data.dir, 'weights.data'))).toBe(false);
  });
});
