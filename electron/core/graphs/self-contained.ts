import type { Scenario } from '../../../shared/scenario';
import { pastKeyNames } from './io-convention';
import { onnx, type ModelProto, type Onnx, type ValueInfo } from './onnx-proto';

/** The state input that counts the tokens seen so far, and the output giving its next value. */
export const pastLength = 'past_length';
export const presentLength = 'present_length';
/** The real/padding mask of a chunk (1 = real token; padding only at the end). */
export const chunkMask = 'chunk_mask';

const { INT64, FLOAT } = onnx.TensorProto.DataType;

/**
 * Appends the cache policy to an optimum-style graph already pinned to C new tokens and S + W
 * past slots, so that it is self-contained like the demo model's stream graph: `input_ids`,
 * `chunk_mask` and the state (`past_key_values.N.*`, `past_length`) in, `logits` and the next
 * state (`present.N.*`, `present_length`, the same shapes) out.
 *
 * Slots 0..S-1 hold the first S tokens ever seen (sinks), slots S.. the last W others, oldest
 * first (left-aligned, as a host-side evicting cache lays them out). With n = past_length, the
 * graph builds `position_ids` (n + 0..C-1) and `attention_mask` (the valid sink and window slots,
 * then the chunk mask) where they were inputs, and gathers the next state out of the model's own
 * `present.*` (past slots then the chunk, renamed `present.N.*.all`) by indices it computes from
 * n and the number of real tokens r. The model is changed in place.
 */
export function appendCachePolicy(model: ModelProto, scenario: Scenario, chunk: number): void {
  const graph = model.graph as Onnx.GraphProto;
  const { sink, window } = scenario;
  const slots = sink + window;
  const b = new GraphBuilder(graph, '/cache_policy/');
  const inputOf = (name: string) => graph.input.find((input) => input.name === name);
  const maskType = elemType(inputOf('attention_mask'));
  const positionType = elemType(inputOf('position_ids'));
  const pastNames = pastKeyNames(graph.input.map((input) => input.name ?? '')).flatMap((key) => [
    key,
    key.replace(/\.key$/, '.value'),
  ]);

  // Scalars [1]: n seen before, r real now, s sinks and w window tokens valid before.
  const n = pastLength;
  const realFloat = b.op('ReduceSum', [chunkMask, b.ints('axis1', [1])], { keepdims: 0 });
  const r = b.op('Cast', [realFloat], { to: INT64 });
  const sinkSize = b.ints('S', [sink]);
  const windowSize = b.ints('W', [window]);
  const zero = b.ints('zero', [0]);
  const sinksOf = (count: string) => b.op('Min', [count, sinkSize]);
  const windowOf = (count: string) =>
    b.op('Min', [b.op('Max', [b.op('Sub', [count, sinkSize]), zero]), windowSize]);
  const s = sinksOf(n);
  const w = windowOf(n);
  const next = b.op('Add', [n, r], {}, presentLength);
  const nextWindow = windowOf(next);
  const valid = b.op('Add', [b.op('Add', [s, w]), r]);

  // Slot t of the cache: a sink (t < S) or window slot t - S.
  const slot = b.ints('slot', range(slots));
  const isSink = b.op('Less', [slot, sinkSize]);
  const windowSlot = b.op('Sub', [slot, sinkSize]);

  // The attention mask of this call: valid past slots, then the chunk's real tokens.
  // A sink slot t is valid when t < s (never so for a window slot: s <= S <= t).
  const windowValid = b.op('And', [
    b.op('GreaterOrEqual', [slot, sinkSize]),
    b.op('Less', [windowSlot, w]),
  ]);
  const pastValid = b.op('Or', [b.op('Less', [slot, s]), windowValid]);
  const chunkValid = b.op('Greater', [chunkMask, b.floats('half', [0.5])]);
  const pastRow = b.op('Unsqueeze', [pastValid, b.ints('axis0', [0])]);
  const mask = b.op('Concat', [pastRow, chunkValid], { axis: 1 });
  if (maskType !== null) b.op('Cast', [mask], { to: maskType }, 'attention_mask');
  if (positionType !== null) {
    const offsets = b.tensor('offsets', INT64, [1, chunk], range(chunk));
    const positions = b.op('Add', [offsets, n]);
    b.op('Cast', [positions], { to: positionType }, 'position_ids');
  }

  // Ordinal k (0 = oldest valid token) each slot of the next state holds, then its index in
  // `present`: sinks [0, s), window [S, S + w), chunk [S + W, S + W + r).
  const k = b.op('Where', [
    isSink,
    slot,
    b.op('Add', [b.op('Sub', [valid, nextWindow]), windowSlot]),
  ]);
  const sinkPlusWindow = b.op('Add', [s, w]);
  const fromWindow = b.op('Add', [b.op('Sub', [k, s]), sinkSize]);
  const fromChunk = b.op('Add', [b.op('Sub', [k, sinkPlusWindow]), b.ints('SW', [slots])]);
  const index = b.op('Where', [
    b.op('Less', [k, s]),
    k,
    b.op('Where', [b.op('Less', [k, sinkPlusWindow]), fromWindow, fromChunk]),
  ]);
  // Slots left empty point anywhere in range: the mask hides them.
  const clamped = b.op('Max', [b.op('Min', [index, b.ints('last', [slots + chunk - 1])]), zero]);

  for (const name of pastNames) {
    const present = name.replace(/^past_key_values\./, 'present.');
    const all = `${present}.all`;
    renameTensor(graph, present, all);
    b.op('Gather', [all, clamped], { axis: 2 }, present);
  }

  replaceInputs(graph, chunk);
  graph.output = graph.output.map((output) =>
    /^present\.\d+\.(key|value)$/.test(output.name ?? '') ? withSlots(output, slots) : output,
  );
  graph.output.push(tensorValue(presentLength, INT64, [1]));
}

/** Drops the inputs the graph now makes and adds the chunk mask and the length state. */
function replaceInputs(graph: Onnx.GraphProto, chunk: number): void {
  graph.input = graph.input.filter(
    (input) => input.name !== 'attention_mask' && input.name !== 'position_ids',
  );
  graph.input.push(tensorValue(chunkMask, FLOAT, [1, chunk]), tensorValue(pastLength, INT64, [1]));
}

/** A cache output's value info with `slots` on the sequence axis, as its state input has. */
function withSlots(info: ValueInfo, slots: number): Onnx.ValueInfoProto {
  const tensorType = info.type?.tensorType;
  const dim = (tensorType?.shape?.dim ?? []).map((d, axis) =>
    axis === 2 ? onnx.TensorShapeProto.Dimension.create({ dimValue: slots }) : d,
  );
  return onnx.ValueInfoProto.create({
    ...info,
    type: { tensorType: { ...tensorType, shape: onnx.TensorShapeProto.create({ dim }) } },
  });
}

/** Renames a tensor wherever a node makes or reads it (graph outputs keep the old name). */
function renameTensor(graph: Onnx.GraphProto, from: string, to: string): void {
  for (const node of graph.node) {
    node.output = (node.output ?? []).map((name) => (name === from ? to : name));
    node.input = (node.input ?? []).map((name) => (name === from ? to : name));
  }
}

function elemType(info: ValueInfo | undefined): number | null {
  return info ? (info.type?.tensorType?.elemType ?? INT64) : null;
}

function tensorValue(name: string, type: number, dims: number[]): Onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: { elemType: type, shape: { dim: dims.map((dimValue) => ({ dimValue })) } },
    },
  });
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

type Attribute = number | number[];

/** Appends nodes and constants to a graph, each name under one prefix. */
class GraphBuilder {
  #count = 0;

  constructor(
    private readonly graph: Onnx.GraphProto,
    private readonly prefix: string,
  ) {}

  op(type: string, inputs: string[], attributes: Record<string, Attribute> = {}, output?: string) {
    const name = `${this.prefix}${type}_${this.#count++}`;
    const out = output ?? `${name}_output_0`;
    this.graph.node.push(
      onnx.NodeProto.create({
        name,
        opType: type,
        input: inputs,
        output: [out],
        attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
      }),
    );
    return out;
  }

  ints(name: string, values: number[]): string {
    return this.tensor(name, INT64, [values.length], values);
  }

  floats(name: string, values: number[]): string {
    return this.tensor(name, FLOAT, [values.length], values);
  }

  tensor(name: string, type: number, dims: number[], values: number[]): string {
    const full = `${this.prefix}${name}`;
    this.graph.initializer.push(
      onnx.TensorProto.create({
        name: full,
        dataType: type,
        dims,
        ...(type === INT64 ? { int64Data: values } : { floatData: values }),
      }),
    );
    return full;
  }
}

function attribute(name: string, value: Attribute): Onnx.AttributeProto {
  const { INT, INTS } = onnx.AttributeProto.AttributeType;
  return Array.isArray(value)
    ? onnx.AttributeProto.create({ name, type: INTS, ints: value })
    : onnx.AttributeProto.create({ name, type: INT, i: value });
}
