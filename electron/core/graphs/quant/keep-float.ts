import type { KeptFloat } from '../../../../shared/graph';
import { findOutputHead, GraphIndex } from '../graph-structure';
import type { Onnx } from '../onnx-proto';

/** What decides which weight MatMuls stay float. */
export interface KeepFloatOptions {
  /** Substrings of node or weight names whose MatMul stays float. */
  exclude?: readonly string[];
  /** Quantise the output head too; by default it stays float, whatever it is called. */
  quantizeHead?: boolean;
}

/**
 * Every MatMul with a weight that weight quantisation leaves in float, and why: the output head
 * (found by structure: a tiny share of compute, a large share of the error), those named by
 * `exclude`, a weight other nodes read too, and a weight computed in the graph (a head tied to
 * the transposed embedding). Every other weight MatMul is quantised.
 */
export function keptInFloat(
  graph: Onnx.IGraphProto,
  options: KeepFloatOptions,
): Map<Onnx.INodeProto, KeptFloat> {
  const index = new GraphIndex(graph);
  const head = options.quantizeHead ? null : findOutputHead(graph);
  const kept = new Map<Onnx.INodeProto, KeptFloat>();
  for (const node of graph.node ?? []) {
    const weight = node.opType === 'MatMul' ? index.weightOf(node) : null;
    if (!weight) continue;
    const reason = keepReason(node, weight.computed, index, head, options.exclude ?? []);
    const tensor = weight.tensor.name ?? '';
    if (reason) kept.set(node, { tensor, node: node.name ?? '', reason });
  }
  return kept;
}

function keepReason(
  node: Onnx.INodeProto,
  computed: boolean,
  index: GraphIndex,
  head: Onnx.INodeProto | null,
  exclude: readonly string[],
): KeptFloat['reason'] | null {
  const weight = node.input?.[1] ?? '';
  if (node === head) return 'output head';
  if (exclude.some((part) => (node.name ?? '').includes(part) || weight.includes(part)))
    return 'keep-float';
  if (computed) return 'computed weight';
  return (index.consumers.get(weight) ?? []).length === 1 ? null : 'shared weight';
}
