import { formatQuantSpec } from '../../../../shared/quant-spec';
import { fail, ok, type Result } from '../../../../shared/result';
import { dataTypeName, onnx, type ModelProto, type Onnx } from '../onnx-proto';
import { emitMatMulNBits } from './emit-nbits';
import { emitDequantize } from './emit-qdq';
import { keptInFloat, type KeepFloatOptions } from './keep-float';
import { upgradeOpset } from './opset-upgrade';
import type { TensorQuantReport } from './quant-report';
import type { IntSpec } from './quantized-weight';
import { runQuantizeTask, type QuantizedTask } from './quantize-task';
import { dimsOf, floatSource } from './tensor-data';

/** How to quantise; what stays float is `keptInFloat`'s (the output head, `exclude`, …). */
export interface WeightQuantOptions extends KeepFloatOptions {
  modelDir: string;
  /**
   * Where each quantised tensor goes as soon as it is made (an artifact's weights file), so no
   * quantised data stays in memory; without it the new initializers hold their raw data.
   */
  store?: (tensor: Onnx.ITensorProto) => Promise<Onnx.ITensorProto>;
}

/** Opset that blocked DequantizeLinear and the 4-bit types need. */
const blockedOpset = 21;

/**
 * Quantises the float weight of every MatMul (2-D initializer B) by the spec, in place: QDQ
 * (per axis or blocked) or MatMulNBits. Every weight is checked before any is read; then they
 * are read, quantised and stored one at a time, so the float model is never in memory (nor,
 * with `store`, the quantised one). Returns one report per quantised tensor.
 */
export async function quantizeWeights(
  model: ModelProto,
  spec: IntSpec,
  options: WeightQuantOptions,
): Promise<Result<TensorQuantReport[]>> {
  const graph = model.graph as Onnx.GraphProto;
  const chosen = chooseWeights(graph, spec, options);
  if (!chosen.ok) return chosen;
  const replacements = new Map<Onnx.INodeProto, Onnx.INodeProto[]>();
  const reports: TensorQuantReport[] = [];
  for (const choice of chosen.value) {
    const { weight, k, n } = choice;
    const source = floatSource(weight, options.modelDir);
    if (!source.ok) return source;
    const quantized = runQuantizeTask({ name: weight.name, k, n, spec, source: source.value });
    const emitted = emit(choice, quantized, spec);
    for (const tensor of emitted.initializers)
      graph.initializer.push(options.store ? await options.store(tensor) : tensor);
    replacements.set(choice.node, emitted.nodes);
    reports.push({ ...quantized.report, bytesAfter: emitted.bytes });
  }
  const replaced = new Set(reports.map((report) => report.tensor));
  graph.node = graph.node.flatMap((node) => replacements.get(node) ?? [node]);
  graph.initializer = graph.initializer.filter((tensor) => !replaced.has(tensor.name ?? ''));
  finishOpsets(model, spec);
  return ok(reports);
}

/** A MatMul whose weight W[K, N] is to be quantised. */
interface Choice {
  node: Onnx.INodeProto;
  weight: Onnx.TensorProto;
  k: number;
  n: number;
}

/** The MatMuls to quantise, in node order; the first weight that cannot take the spec fails. */
function chooseWeights(
  graph: Onnx.GraphProto,
  spec: IntSpec,
  options: WeightQuantOptions,
): Result<Choice[]> {
  const initializers = new Map(graph.initializer.map((tensor) => [tensor.name, tensor]));
  const kept = keptInFloat(graph, options);
  const chosen: Choice[] = [];
  for (const node of graph.node) {
    const weight = node.opType === 'MatMul' ? initializers.get(node.input?.[1] ?? '') : undefined;
    if (!weight || kept.has(node)) continue;
    const unfit = unfitWeight(weight, spec) ?? unfitGroup(weight, spec);
    if (unfit) return fail('invalid-args', unfit);
    const [k, n] = dimsOf(weight) as [number, number];
    chosen.push({ node, weight: weight as Onnx.TensorProto, k, n });
  }
  return ok(chosen);
}

/** Why a MatMul weight cannot take the spec's format, or null when it can. */
function unfitWeight(weight: Onnx.ITensorProto, spec: IntSpec): string | null {
  const dims = dimsOf(weight);
  const keep = `keep it in float with --keep-float ${weight.name}`;
  if (dims.length !== 2) {
    return `${formatQuantSpec(spec)}: tensor ${weight.name} has shape [${dims.join(', ')}]; weight quantisation takes 2-D MatMul weights (${keep})`;
  }
  if (weight.dataType !== onnx.TensorProto.DataType.FLOAT) {
    return `${formatQuantSpec(spec)}: tensor ${weight.name} is ${dataTypeName(weight.dataType)}, not float32 (${keep})`;
  }
  return null;
}

/** Why the spec's group size cannot split the weight's K, or null when it can. */
function unfitGroup(weight: Onnx.ITensorProto, spec: IntSpec): string | null {
  const k = dimsOf(weight)[0] ?? 0;
  if (spec.granularity.kind !== 'group' || k % spec.granularity.size === 0) return null;
  return `${formatQuantSpec(spec)}: group size ${spec.granularity.size} does not divide K = ${k} of tensor ${weight.name}`;
}

/** The nodes and initializers that replace a quantised MatMul. */
function emit({ node, weight }: Choice, { weight: quantized }: QuantizedTask, spec: IntSpec) {
  return spec.format === 'nbits' && quantized.layout === 'blocks'
    ? emitMatMulNBits(node, weight.name, quantized)
    : emitDequantize(node, weight.name, quantized, spec.symmetric);
}

/** Blocked or 4-bit QDQ need opset 21; MatMulNBits needs the com.microsoft domain. */
function finishOpsets(model: ModelProto, spec: IntSpec): void {
  if (spec.format === 'nbits') {
    if (!model.opsetImport?.some((o) => o.domain === 'com.microsoft'))
      model.opsetImport?.push({ domain: 'com.microsoft', version: 1 });
    return;
  }
  if (spec.bits === 4 || spec.granularity.kind === 'group') upgradeOpset(model, blockedOpset);
}
