import type { Scenario } from '../../../shared/scenario';
import { pastKeyNames } from './io-convention';
import { GraphBuilder } from './graph-builder';
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
  const b = new GraphBuilder(graph, '/cache_policy/');
  const counts = countTokens(b, scenario);
  const slot = slotsOf(b, scenario, counts.sinkSize);
  feedModelInputs(graph, b, { counts, slot, chunk });
  const index = nextSlotSources(b, { counts, slot, slots: scenario.sink + scenario.window, chunk });
  gatherNextCache(graph, b, index, scenario.sink + scenario.window);
  replaceInputs(graph, chunk);
}

/** Scalars [1] the policy works from, made in the graph. */
interface Counts {
  /** Tokens seen before this call (the state), and after it (`present_length`). */
  seen: string;
  /** Real tokens in this call's chunk. */
  real: string;
  /** Valid sink and window tokens before the call, and window tokens after it. */
  sinks: string;
  window: string;
  nextWindow: string;
  sinkSize: string;
  zero: string;
}

function countTokens(b: GraphBuilder, scenario: Scenario): Counts {
  const realFloat = b.op('ReduceSum', [chunkMask, b.ints('axis1', [1])], { keepdims: 0 });
  const real = b.op('Cast', [realFloat], { to: INT64 });
  const sinkSize = b.ints('S', [scenario.sink]);
  const windowSize = b.ints('W', [scenario.window]);
  const zero = b.ints('zero', [0]);
  // Tokens past the sinks, at most W: how many of n the window holds.
  const windowOf = (count: string) =>
    b.op('Min', [b.op('Max', [b.op('Sub', [count, sinkSize]), zero]), windowSize]);
  const next = b.op('Add', [pastLength, real], {}, presentLength);
  return {
    seen: pastLength,
    real,
    sinks: b.op('Min', [pastLength, sinkSize]),
    window: windowOf(pastLength),
    nextWindow: windowOf(next),
    sinkSize,
    zero,
  };
}

/** Slot t = 0..S+W-1 of the cache: a sink (t < S) or window slot t - S. */
interface Slots {
  slot: string;
  isSink: string;
  windowSlot: string;
}

function slotsOf(b: GraphBuilder, scenario: Scenario, sinkSize: string): Slots {
  const slot = b.ints('slot', range(scenario.sink + scenario.window));
  return {
    slot,
    isSink: b.op('Less', [slot, sinkSize]),
    windowSlot: b.op('Sub', [slot, sinkSize]),
  };
}

/**
 * Makes the model's `attention_mask` (the valid past slots, then the chunk's real tokens) and
 * `position_ids` (n + 0..C-1), in the types its inputs had, where it had them as inputs.
 */
function feedModelInputs(
  graph: Onnx.GraphProto,
  b: GraphBuilder,
  { counts, slot, chunk }: { counts: Counts; slot: Slots; chunk: number },
): void {
  const typeOf = (name: string) => elemType(graph.input.find((input) => input.name === name));
  const maskType = typeOf('attention_mask');
  const positionType = typeOf('position_ids');
  // A sink slot t is valid when t < s (never so for a window slot: s <= S <= t).
  const windowValid = b.op('And', [
    b.op('GreaterOrEqual', [slot.slot, counts.sinkSize]),
    b.op('Less', [slot.windowSlot, counts.window]),
  ]);
  const pastValid = b.op('Or', [b.op('Less', [slot.slot, counts.sinks]), windowValid]);
  const chunkValid = b.op('Greater', [chunkMask, b.floats('half', [0.5])]);
  const pastRow = b.op('Unsqueeze', [pastValid, b.ints('axis0', [0])]);
  const mask = b.op('Concat', [pastRow, chunkValid], { axis: 1 });
  if (maskType !== null) b.op('Cast', [mask], { to: maskType }, 'attention_mask');
  if (positionType === null) return;
  const offsets = b.tensor('offsets', INT64, [1, chunk], range(chunk));
  b.op('Cast', [b.op('Add', [offsets, counts.seen])], { to: positionType }, 'position_ids');
}

/**
 * For each slot of the next cache, its index in `present` (sinks [0, s), window [S, S + w),
 * chunk [S + W, S + W + r)): the slot holds valid token k (0 = oldest): k = t for a sink, the
 * last W' of them for the window. Slots left empty point anywhere in range: the mask hides them.
 */
function nextSlotSources(
  b: GraphBuilder,
  { counts, slot, slots, chunk }: { counts: Counts; slot: Slots; slots: number; chunk: number },
): string {
  const { sinks, window, real, sinkSize, zero } = counts;
  const sinksAndWindow = b.op('Add', [sinks, window]);
  const valid = b.op('Add', [sinksAndWindow, real]);
  const firstInWindow = b.op('Sub', [valid, counts.nextWindow]);
  const k = b.op('Where', [slot.isSink, slot.slot, b.op('Add', [firstInWindow, slot.windowSlot])]);
  const fromWindow = b.op('Add', [b.op('Sub', [k, sinks]), sinkSize]);
  const fromChunk = b.op('Add', [b.op('Sub', [k, sinksAndWindow]), b.ints('SW', [slots])]);
  const index = b.op('Where', [
    b.op('Less', [k, sinks]),
    k,
    b.op('Where', [b.op('Less', [k, sinksAndWindow]), fromWindow, fromChunk]),
  ]);
  return b.op('Max', [b.op('Min', [index, b.ints('last', [slots + chunk - 1])]), zero]);
}

/** Renames each `present.N.*` to `present.N.*.all` and gathers the next cache out of it. */
function gatherNextCache(graph: Onnx.GraphProto, b: GraphBuilder, index: string, slots: number) {
  const past = pastKeyNames(graph.input.map((input) => input.name ?? ''));
  for (const key of past.flatMap((name) => [name, name.replace(/\.key$/, '.value')])) {
    const present = key.replace(/^past_key_values\./, 'present.');
    renameTensor(graph, present, `${present}.all`);
    b.op('Gather', [`${present}.all`, index], { axis: 2 }, present);
  }
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
