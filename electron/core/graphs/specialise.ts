import type { ModelInspection } from '../../../shared/graph';
import { fail, ok, type Result } from '../../../shared/result';
import type { Scenario } from '../../../shared/scenario';
import { detectConvention } from './io-convention';
import type { LoadedModel } from './onnx-io';
import { onnx, shapeOf, type ModelProto, type Onnx, type ValueInfo } from './onnx-proto';
import { appendCachePolicy } from './self-contained';

/** Prefill runs C tokens per call; decode runs one. */
export type Phase = 'prefill' | 'decode';

/** Token count T and cache length P of one phase of a scenario. */
export function phaseDims(scenario: Scenario, phase: Phase): { tokens: number; cache: number } {
  return {
    tokens: phase === 'prefill' ? scenario.chunk : 1,
    cache: scenario.sink + scenario.window,
  };
}

/** Oldest default-domain opset the studio specialises (Squeeze/Split/Reduce take axes as inputs). */
export const minimumOpset = 13;

/** Refuses models and scenarios the studio cannot specialise, naming the field. */
export function checkScenarioForModel(
  inspection: ModelInspection,
  scenario: Scenario,
): Result<void> {
  if (inspection.opset < minimumOpset) {
    return fail(
      'invalid-model',
      `${inspection.path} uses opset ${inspection.opset}; the studio needs opset ${minimumOpset} or newer (re-export the model)`,
    );
  }
  if (inspection.convention === 'unknown') {
    return fail(
      'invalid-model',
      `${inspection.path} is not a decoder the studio recognises: it needs input_ids, past_key_values.N.key|value inputs and logits, present.N.key|value outputs`,
    );
  }
  if (scenario.memory === 'on' && inspection.convention !== 'edge-infinite') {
    return fail(
      'invalid-args',
      `memory: ${inspection.path} has no compressed memory; use memory off`,
    );
  }
  return ok(undefined);
}

/**
 * Pins every symbolic input dim for one phase of a scenario, fixes the demo model's sink size and
 * memory gate as constants, drops stale value_info and pins the output dims it can derive; dims
 * it cannot derive (expressions) are left for the ORT check to fill in. An optimum-style graph
 * then gets the cache policy appended (self-contained.ts), so that every specialised graph is
 * self-contained: tokens and state in, logits and the next state out.
 */
export function specialiseGraph(
  loaded: LoadedModel,
  scenario: Scenario,
  phase: Phase,
): Result<ModelProto> {
  const pinned = pinGraph(loaded, scenario, phase);
  if (!pinned.ok) return pinned;
  const graph = pinned.value.graph as Onnx.GraphProto;
  const names = (values: readonly ValueInfo[]) => values.map((value) => value.name ?? '');
  if (detectConvention(names(graph.input), names(graph.output)) === 'optimum')
    appendCachePolicy(pinned.value, scenario, phaseDims(scenario, phase).tokens);
  return pinned;
}

/** The graph of one phase with its dims pinned, as the model left it (no cache policy). */
export function pinGraph(
  loaded: LoadedModel,
  scenario: Scenario,
  phase: Phase,
): Result<ModelProto> {
  const graph = loaded.model.graph as Onnx.IGraphProto;
  const bindings = dimBindings(graph.input ?? [], phaseDims(scenario, phase));
  const constants = pinnedConstants(graph.input ?? [], scenario);
  const initializerNames = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  const inputs: ValueInfo[] = [];
  for (const input of graph.input ?? []) {
    if (initializerNames.has(input.name) || constants.some((c) => c.name === input.name)) continue;
    const pinned = pinValue(input, bindings, true);
    if (!pinned.ok) return pinned;
    inputs.push(pinned.value);
  }
  const outputs = (graph.output ?? []).map((output) => pinValue(output, bindings, false));
  const failed = outputs.find((output) => !output.ok);
  if (failed && !failed.ok) return failed;
  const specialised = onnx.GraphProto.create({
    ...graph,
    input: inputs,
    output: outputs.map((output) => (output as { value: ValueInfo }).value),
    valueInfo: [],
    // Nodes are copied (later passes rewrite them); weights are shared, never written.
    node: (graph.node ?? []).map((node) =>
      onnx.NodeProto.decode(onnx.NodeProto.encode(node).finish()),
    ),
    initializer: [...(graph.initializer ?? []), ...constants],
  });
  const opsetImport = (loaded.model.opsetImport ?? []).map((entry) =>
    onnx.OperatorSetIdProto.create({ ...entry }),
  );
  return ok(onnx.ModelProto.create({ ...loaded.model, opsetImport, graph: specialised }));
}

/** Symbolic dim name → value, read from where each dim appears among the inputs. */
function dimBindings(inputs: readonly ValueInfo[], dims: { tokens: number; cache: number }) {
  const bindings = new Map<string, number>();
  const bind = (name: string | undefined, axis: number, value: number) => {
    const info = inputs.find((input) => input.name === name);
    const dim = info ? shapeOf(info)[axis] : undefined;
    if (typeof dim === 'string') bindings.set(dim, value);
  };
  bind('input_ids', 0, 1);
  bind('input_ids', 1, dims.tokens);
  bind('attention_mask', 0, 1);
  bind('attention_mask', 1, dims.cache + dims.tokens);
  // torch dynamo names every dim on its own (s44 for position_ids' batch): bind each input's.
  bind('position_ids', 0, 1);
  bind('position_ids', 1, dims.tokens);
  const past = inputs.filter((i) => /^past_key_values\.\d+\.(key|value)$/.test(i.name ?? ''));
  for (const input of past) {
    bind(input.name ?? undefined, 0, 1);
    bind(input.name ?? undefined, 2, dims.cache);
  }
  return bindings;
}

function pinValue(
  info: ValueInfo,
  bindings: Map<string, number>,
  strict: boolean,
): Result<ValueInfo> {
  const tensorType = info.type?.tensorType;
  const dims = (tensorType?.shape?.dim ?? []).map((dim) => {
    if (!dim.dimParam) return dim;
    const value = bindings.get(dim.dimParam);
    return value === undefined ? dim : onnx.TensorShapeProto.Dimension.create({ dimValue: value });
  });
  const unbound = dims.find((dim) => dim.dimParam);
  if (strict && unbound) {
    return fail(
      'invalid-model',
      `Cannot pin dim "${unbound.dimParam}" of input ${info.name}: the studio derives dims from input_ids, attention_mask and past_key_values`,
    );
  }
  const shape = onnx.TensorShapeProto.create({ dim: dims });
  return ok(
    onnx.ValueInfoProto.create({ ...info, type: { tensorType: { ...tensorType, shape } } }),
  );
}

/** The demo model's scalar inputs that a scenario fixes: sink size, and the gate (1 on, 0 off). */
function pinnedConstants(inputs: readonly ValueInfo[], scenario: Scenario): Onnx.TensorProto[] {
  const names = new Set(inputs.map((input) => input.name));
  const constants: Onnx.TensorProto[] = [];
  if (names.has('sink_size')) {
    constants.push(
      onnx.TensorProto.create({
        name: 'sink_size',
        dataType: onnx.TensorProto.DataType.INT64,
        dims: [1],
        int64Data: [scenario.sink],
      }),
    );
  }
  if (names.has('memory_gate')) {
    const gate = scenario.memory === 'on' ? 1 : 0;
    constants.push(
      onnx.TensorProto.create({
        name: 'memory_gate',
        dataType: onnx.TensorProto.DataType.FLOAT,
        dims: [1],
        floatData: [gate],
      }),
    );
  }
  return constants;
}
