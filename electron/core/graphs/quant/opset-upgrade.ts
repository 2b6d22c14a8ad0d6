import { onnx, toNumber, type ModelProto, type Onnx } from '../onnx-proto';

/** Reduce ops whose `axes` moved from an attribute to an input at opset 18 (ReduceSum at 13). */
const reduceOps = new Set([
  'ReduceMean',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceSumSquare',
  'ReduceSum',
]);

/**
 * Raises the default-domain opset to `target` (never lowers it) and converts the ops whose schema
 * changed on the way the studio's graphs use: Reduce* `axes` attribute → an int64 input.
 */
export function upgradeOpset(model: ModelProto, target: number): void {
  const entry = model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx');
  const current = toNumber(entry?.version as number);
  if (!entry || current >= target) return;
  const graph = model.graph as Onnx.GraphProto;
  for (const node of graph.node ?? []) {
    if (reduceOps.has(node.opType ?? '')) moveAxesToInput(node, graph);
  }
  entry.version = target;
}

function moveAxesToInput(node: Onnx.INodeProto, graph: Onnx.GraphProto): void {
  const axes = node.attribute?.find((attribute) => attribute.name === 'axes');
  if (!axes) return;
  const name = `${node.name || node.output?.[0]}_axes`;
  graph.initializer.push(
    onnx.TensorProto.create({
      name,
      dataType: onnx.TensorProto.DataType.INT64,
      dims: [axes.ints?.length ?? 0],
      int64Data: (axes.ints ?? []).map((axis) => toNumber(axis)),
    }),
  );
  node.input = [node.input?.[0] ?? '', name];
  node.attribute = (node.attribute ?? []).filter((attribute) => attribute !== axes);
}
