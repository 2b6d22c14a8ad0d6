import { formatQuantSpec } from '../../../../shared/quant-spec';
import { fail, ok, type Result } from '../../../../shared/result';
import { dataTypeName, onnx, type ModelProto, type Onnx } from '../onnx-proto';
import { emitMatMulNBits } from './emit-nbits';
import { emitDequantize } from './emit-qdq';
import { keptInFloat, type KeepFloatOptions } from './keep-float';
import { upgradeOpset } from './opset-upgrade';
import { reportTensor, type TensorQuantReport } from './quant-report';
import { quantizeWeight, type IntSpec } from './quantized-weight';
import { dimsOf, readFloat32 } from './tensor-data';

/** How to quantise; what stays float is `keptInFloat`'s (the output head, `exclude`, …). */
export interface WeightQuantOptions extends KeepFloatOptions {
  modelDir: string;
}

/** Opset that blocked DequantizeLinear and the 4-bit types need. */
const blockedOpset = 21;

/**
 * Quantises the float weight of every MatMul (2-D initializer B) by the spec, in place: QDQ
 * (per axis or blocked) or MatMulNBits. Returns one report per quantised tensor.
 */
export function quantizeWeights(
  model: ModelProto,
  spec: IntSpec,
  options: WeightQuantOptions,
): Result<TensorQuantReport[]> {
  const graph = model.graph as Onnx.GraphProto;
  const initializers = new Map(graph.initializer.map((tensor) => [tensor.name, tensor]));
  const kept = keptInFloat(graph, options);
  const reports: TensorQuantReport[] = [];
  const nodes: Onnx.INodeProto[] = [];
  for (const node of graph.node) {
    const weight = node.opType === 'MatMul' ? initializers.get(node.input?.[1] ?? '') : undefined;
    if (!weight || kept.has(node)) {
      nodes.push(node);
      continue;
    }
    const unfit = unfitWeight(weight, spec);
    if (unfit) return fail('invalid-args', unfit);
    const quantized = quantizeOne(node, weight as Onnx.TensorProto, spec, options.modelDir);
    if (!quantized.ok) return quantized;
    nodes.push(...quantized.value.nodes);
    graph.initializer.push(...quantized.value.initializers);
    reports.push(quantized.value.report);
  }
  const replaced = new Set(reports.map((report) => report.tensor));
  graph.node = nodes;
  graph.initializer = graph.initializer.filter((tensor) => !replaced.has(tensor.name ?? ''));
  finishOpsets(model, spec);
  return ok(reports);
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

function quantizeOne(
  node: Onnx.INodeProto,
  weight: Onnx.TensorProto,
  spec: IntSpec,
  modelDir: string,
) {
  const [k, n] = dimsOf(weight) as [number, number];
  const specText = formatQuantSpec(spec);
  if (spec.granularity.kind === 'group' && k % spec.granularity.size !== 0) {
    return fail(
      'invalid-args',
      `${specText}: group size ${spec.granularity.size} does not divide K = ${k} of tensor ${weight.name}`,
    );
  }
  const values = readFloat32(weight, modelDir);
  if (!values.ok) return values;
  const quantized = quantizeWeight(values.value, k, n, spec);
  const emitted =
    spec.format === 'nbits' && quantized.layout === 'blocks'
      ? emitMatMulNBits(node, weight.name, quantized)
      : emitDequantize(node, weight.name, quantized, spec.symmetric);
  const report = reportTensor(weight.name, values.value, quantized, emitted.bytes);
  return ok({ nodes: emitted.nodes, initializers: emitted.initializers, report });
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
