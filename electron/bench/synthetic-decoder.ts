import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onnx, type Onnx } from '../core/graphs/onnx-proto';

/** Sizes of a synthetic optimum-style decoder (no GQA: as many KV heads as heads). */
export interface DecoderShape {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  vocab: number;
}

const { FLOAT, INT64 } = onnx.TensorProto.DataType;
const dataFile = 'model.onnx.data';
/** Floats generated and written per chunk: 4 MiB, so the writer never holds a whole tensor. */
const chunkFloats = 1 << 20;

/** Float32 bytes of a decoder's weights (embeddings, 7 matrices per layer, untied lm_head). */
export function weightBytes(shape: DecoderShape): number {
  const { layers, hidden, intermediate, vocab } = shape;
  return 4 * (2 * vocab * hidden + layers * (4 * hidden * hidden + 3 * hidden * intermediate));
}

/**
 * Writes `model.onnx` and `model.onnx.data` into `dir`: a decoder exported the optimum way
 * (input_ids, attention_mask, position_ids, past_key_values.N.key|value → logits, present.N.*)
 * whose float32 weights are pseudo-random and streamed into the data file chunk by chunk.
 */
export async function writeSyntheticDecoder(dir: string, shape: DecoderShape): Promise<string> {
  const graph = new GraphWriter(shape);
  const data = await open(join(dir, dataFile), 'w');
  try {
    for (const weight of graph.weights) await streamWeight(data, weight, graph);
  } finally {
    await data.close();
  }
  const path = join(dir, 'model.onnx');
  await writeFile(path, onnx.ModelProto.encode(graph.model()).finish());
  return path;
}

interface WeightSpec {
  name: string;
  dims: [number, number];
}

/** Appends one weight's values (uniform in ±1/√rows, seeded by its index) to the data file. */
async function streamWeight(
  data: Awaited<ReturnType<typeof open>>,
  weight: WeightSpec,
  graph: GraphWriter,
): Promise<void> {
  const [rows, columns] = weight.dims;
  const count = rows * columns;
  const offset = graph.dataEnd;
  const chunk = new Float32Array(Math.min(count, chunkFloats));
  const bound = 1 / Math.sqrt(rows);
  let seed = graph.initializers.length + 1;
  for (let done = 0; done < count; done += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, count - done));
    for (let i = 0; i < part.length; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      part[i] = (seed / 2 ** 32 - 0.5) * 2 * bound;
    }
    await data.write(new Uint8Array(part.buffer, 0, part.byteLength), 0, part.byteLength);
  }
  graph.external(weight, offset, count * 4);
}

/** Nodes and initializers of the decoder, named the way optimum's exports name them. */
class GraphWriter {
  readonly nodes: Onnx.INodeProto[] = [];
  readonly initializers: Onnx.ITensorProto[] = [];
  readonly weights: WeightSpec[] = [];
  dataEnd = 0;

  constructor(readonly shape: DecoderShape) {
    const { hidden, vocab } = shape;
    this.constant('heads_shape', [0, 0, shape.heads, hidden / shape.heads]);
    this.constant('merge_shape', [0, 0, hidden]);
    this.constant('mask_axes', [1, 2]);
    this.floatConstant('one', 1);
    this.floatConstant('mask_min', -1e9);
    this.floatConstant('attention_scale', 1 / Math.sqrt(hidden / shape.heads));
    this.weights.push({ name: 'model.embed_tokens.weight', dims: [vocab, hidden] });
    this.node('Gather', ['model.embed_tokens.weight', 'input_ids'], ['hidden.0']);
    this.node('Cast', ['attention_mask'], ['mask_float'], { to: FLOAT });
    this.node('Sub', ['one', 'mask_float'], ['mask_off']);
    this.node('Mul', ['mask_off', 'mask_min'], ['mask_bias_2d']);
    this.node('Unsqueeze', ['mask_bias_2d', 'mask_axes'], ['mask_bias']);
    for (let layer = 0; layer < shape.layers; layer++) this.layer(layer);
    this.matmul('lm_head', `hidden.${shape.layers}`, 'logits', [hidden, vocab]);
  }

  model(): Onnx.ModelProto {
    const { layers, heads, hidden, vocab } = this.shape;
    const headDim = hidden / heads;
    const value = (name: string, elemType: number, dims: (number | string)[]) =>
      onnx.ValueInfoProto.create({
        name,
        type: {
          tensorType: {
            elemType,
            shape: {
              dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
            },
          },
        },
      });
    const cache = (name: string, length: string) =>
      value(name, FLOAT, ['batch_size', heads, length, headDim]);
    const input = [
      value('input_ids', INT64, ['batch_size', 'sequence_length']),
      value('attention_mask', INT64, ['batch_size', 'total_sequence_length']),
      value('position_ids', INT64, ['batch_size', 'sequence_length']),
    ];
    const output = [value('logits', FLOAT, ['batch_size', 'sequence_length', vocab])];
    for (let layer = 0; layer < layers; layer++) {
      for (const kind of ['key', 'value']) {
        input.push(cache(`past_key_values.${layer}.${kind}`, 'past_sequence_length'));
        output.push(cache(`present.${layer}.${kind}`, 'total_sequence_length'));
      }
    }
    return onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'edge-studio synthetic decoder',
      opsetImport: [{ domain: '', version: 17 }],
      graph: { name: 'decoder', node: this.nodes, initializer: this.initializers, input, output },
    });
  }

  external(weight: WeightSpec, offset: number, length: number): void {
    this.initializers.push(
      onnx.TensorProto.create({
        name: weight.name,
        dataType: FLOAT,
        dims: weight.dims,
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [
          { key: 'location', value: dataFile },
          { key: 'offset', value: String(offset) },
          { key: 'length', value: String(length) },
        ],
      }),
    );
    this.dataEnd = offset + length;
  }

  /** Attention over past + new keys (mask as an additive bias), then a ReLU-gated MLP. */
  private layer(layer: number): void {
    const { hidden, intermediate } = this.shape;
    const at = (name: string) => `layers.${layer}.${name}`;
    const x = `hidden.${layer}`;
    for (const proj of ['q', 'k', 'v'])
      this.matmul(`model.layers.${layer}.self_attn.${proj}_proj`, x, at(proj), [hidden, hidden]);
    for (const proj of ['q', 'k', 'v']) {
      this.node('Reshape', [at(proj), 'heads_shape'], [at(`${proj}_heads`)]);
      this.node('Transpose', [at(`${proj}_heads`)], [at(`${proj}_bhtd`)], { perm: [0, 2, 1, 3] });
    }
    for (const [proj, kind] of [
      ['k', 'key'],
      ['v', 'value'],
    ] as const) {
      const past = `past_key_values.${layer}.${kind}`;
      this.node('Concat', [past, at(`${proj}_bhtd`)], [`present.${layer}.${kind}`], { axis: 2 });
    }
    this.node('Transpose', [`present.${layer}.key`], [at('keys_t')], { perm: [0, 1, 3, 2] });
    this.node('MatMul', [at('q_bhtd'), at('keys_t')], [at('scores_raw')]);
    this.node('Mul', [at('scores_raw'), 'attention_scale'], [at('scores_scaled')]);
    this.node('Add', [at('scores_scaled'), 'mask_bias'], [at('scores')]);
    this.node('Softmax', [at('scores')], [at('probs')], { axis: -1 });
    this.node('MatMul', [at('probs'), `present.${layer}.value`], [at('context_bhtd')]);
    this.node('Transpose', [at('context_bhtd')], [at('context_bthd')], { perm: [0, 2, 1, 3] });
    this.node('Reshape', [at('context_bthd'), 'merge_shape'], [at('context')]);
    this.matmul(`model.layers.${layer}.self_attn.o_proj`, at('context'), at('attn_out'), [
      hidden,
      hidden,
    ]);
    this.node('Add', [x, at('attn_out')], [at('residual')]);
    const mlp = `model.layers.${layer}.mlp`;
    this.matmul(`${mlp}.gate_proj`, at('residual'), at('gate'), [hidden, intermediate]);
    this.matmul(`${mlp}.up_proj`, at('residual'), at('up'), [hidden, intermediate]);
    this.node('Relu', [at('gate')], [at('gate_act')]);
    this.node('Mul', [at('gate_act'), at('up')], [at('mlp_in')]);
    this.matmul(`${mlp}.down_proj`, at('mlp_in'), at('mlp_out'), [intermediate, hidden]);
    this.node('Add', [at('residual'), at('mlp_out')], [`hidden.${layer + 1}`]);
  }

  private matmul(module: string, input: string, output: string, dims: [number, number]): void {
    const weight = `${module}.weight`;
    this.weights.push({ name: weight, dims });
    this.nodes.push({
      name: `/${module.replaceAll('.', '/')}/MatMul`,
      opType: 'MatMul',
      input: [input, weight],
      output: [output],
    });
  }

  private node(
    opType: string,
    input: string[],
    output: string[],
    attributes: Record<string, number | number[]> = {},
  ): void {
    const { INT, INTS } = onnx.AttributeProto.AttributeType;
    const attribute = Object.entries(attributes).map(([name, value]) =>
      Array.isArray(value) ? { name, type: INTS, ints: value } : { name, type: INT, i: value },
    );
    this.nodes.push({ name: `${output[0]}/${opType}`, opType, input, output, attribute });
  }

  private constant(name: string, values: number[]): void {
    this.initializers.push(
      onnx.TensorProto.create({ name, dataType: INT64, dims: [values.length], int64Data: values }),
    );
  }

  private floatConstant(name: string, value: number): void {
    this.initializers.push(
      onnx.TensorProto.create({ name, dataType: FLOAT, dims: [], floatData: [value] }),
    );
  }
}
