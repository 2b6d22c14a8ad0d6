import { join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { graphPairWiring } from '../runs/runtimes/graph-pair-plan';
import { PlanRunner } from './fidelity/plan-runner';
import { writeOnnx } from './onnx-io';
import { onnx, type ModelProto } from './onnx-proto';
import { specialiseGraph } from './specialise';

process.env.ORT_DISABLE_TELEMETRY = '1';
const data = tempDataDir();
afterAll(() => data.cleanup());
const { FLOAT, INT64 } = onnx.TensorProto.DataType;

/**
 * An optimum-style "decoder" that shows what the policy feeds it: each token's key and value are
 * (id, position), and its logits row is the attention mask it was given.
 */
function probeModel(): ModelProto {
  const value = (name: string, type: number, dims: (string | number)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: type,
          shape: {
            dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
          },
        },
      },
    });
  const node = (opType: string, input: string[], output: string, attrs: object[] = []) =>
    onnx.NodeProto.create({ opType, input, output: [output], attribute: attrs });
  const to = (type: number) => ({
    name: 'to',
    type: onnx.AttributeProto.AttributeType.INT,
    i: type,
  });
  const axis = (i: number) => ({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i });
  const ints = (name: string, values: number[]) =>
    onnx.TensorProto.create({ name, dataType: INT64, dims: [values.length], int64Data: values });
  const one = onnx.TensorProto.create({ name: 'one', dataType: FLOAT, dims: [1], floatData: [1] });
  const zero = onnx.TensorProto.create({
    name: 'zero',
    dataType: FLOAT,
    dims: [1],
    floatData: [0],
  });
  return onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'probe',
      initializer: [ints('a1', [1]), ints('a2', [2]), one, zero],
      node: [
        node('Cast', ['input_ids'], 'ids', [to(FLOAT)]),
        node('Cast', ['position_ids'], 'pos', [to(FLOAT)]),
        node('Unsqueeze', ['ids', 'a2'], 'ids3'),
        node('Unsqueeze', ['pos', 'a2'], 'pos3'),
        node('Concat', ['ids3', 'pos3'], 'feature3', [axis(2)]),
        node('Unsqueeze', ['feature3', 'a1'], 'feature'),
        node('Concat', ['past_key_values.0.key', 'feature'], 'present.0.key', [axis(2)]),
        node('Concat', ['past_key_values.0.value', 'feature'], 'present.0.value', [axis(2)]),
        node('Cast', ['attention_mask'], 'mask', [to(FLOAT)]),
        node('Unsqueeze', ['mask', 'a1'], 'mask3'),
        node('Mul', ['ids3', 'zero'], 'zeros3'),
        node('Add', ['zeros3', 'one'], 'ones3'),
        node('Mul', ['ones3', 'mask3'], 'logits'),
      ],
      input: [
        value('input_ids', INT64, ['batch_size', 'sequence_length']),
        value('attention_mask', INT64, ['batch_size', 'total_sequence_length']),
        value('position_ids', INT64, ['batch_size', 'sequence_length']),
        value('past_key_values.0.key', FLOAT, ['batch_size', 1, 'past_sequence_length', 2]),
        value('past_key_values.0.value', FLOAT, ['batch_size', 1, 'past_sequence_length', 2]),
      ],
      output: [
        value('logits', FLOAT, ['batch_size', 'sequence_length', 'total_sequence_length']),
        value('present.0.key', FLOAT, ['batch_size', 1, 'total_sequence_length', 2]),
        value('present.0.value', FLOAT, ['batch_size', 1, 'total_sequence_length', 2]),
      ],
    },
  });
}

/** What a sink + window cache holds after `seen` tokens (position = index): [id, position]. */
function expectedCache(seen: number[], sink: number, window: number) {
  const entries = seen.map((id, position) => [id, position]);
  return { sinks: entries.slice(0, sink), window: entries.slice(sink).slice(-window) };
}

describe('the cache policy appended to an import', () => {
  it.each([
    [4, 16, 8],
    [0, 8, 4],
    [2, 5, 8],
    [3, 3, 1],
  ])(
    'S=%i W=%i C=%i: sinks, the last W tokens, positions and the mask',
    async (sink, window, chunk) => {
      const scenario = { chunk, sink, window, memory: 'off' } as const;
      const loaded = { path: 'probe.onnx', dir: data.dir, model: probeModel(), externalFiles: [] };
      const files = [];
      for (const phase of ['prefill', 'decode'] as const) {
        const graph = specialiseGraph(loaded, scenario, phase);
        if (!graph.ok) throw new Error(graph.error.message);
        files.push(join(data.dir, `${sink}-${window}-${chunk}-${phase}.onnx`));
        await writeOnnx(graph.value, files.at(-1) as string);
      }
      const slots = sink + window;
      const all = [...Array.from({ length: 37 }, (_, i) => 100 + i), 500, 501, 502];
      let done = 0;
      let calls = 0;
      // Every call: the mask its rows saw, then the cache it hands on.
      const onOutputs = (outputs: ort.InferenceSession.ReturnType, real: number) => {
        calls++;
        const before = expectedCache(all.slice(0, done), sink, window);
        const width = Number(outputs.logits?.dims[1]);
        const mask = [...(outputs.logits?.data as Float32Array).slice(0, slots + width)];
        const past = Array.from({ length: slots }, (_, t) =>
          t < sink ? Number(t < before.sinks.length) : Number(t - sink < before.window.length),
        );
        const chunkPart = Array.from({ length: width }, (_, i) => Number(i < real));
        expect(mask).toEqual([...past, ...chunkPart]);
        done += real;
        const after = expectedCache(all.slice(0, done), sink, window);
        const key = outputs['present.0.key'] as ort.Tensor;
        expect(key.dims).toEqual([1, 1, slots, 2]);
        const slot = (t: number) => [...(key.data as Float32Array).slice(t * 2, t * 2 + 2)];
        after.sinks.forEach((entry, t) => expect(slot(t)).toEqual(entry));
        after.window.forEach((entry, j) => expect(slot(sink + j)).toEqual(entry));
        expect(Number((outputs.present_length as ort.Tensor).data[0])).toBe(done);
      };
      const wiring = graphPairWiring({
        prefill: files[0]!,
        decode: files[1]!,
        inputNames: [
          'input_ids',
          'chunk_mask',
          'past_key_values.0.key',
          'past_key_values.0.value',
          'past_length',
        ],
        padToken: 0,
      });
      const runner = await PlanRunner.open(wiring, data.dir, onOutputs);
      try {
        await runner.feed(all.slice(0, 37));
        for (const token of all.slice(37)) await runner.feed([token]);
        expect(done).toBe(all.length);
        expect(calls).toBe(Math.ceil(37 / chunk) + 3);
      } finally {
        await runner.release();
      }
    },
  );
});
