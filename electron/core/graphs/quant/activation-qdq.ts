import { onnx, type ModelProto, type Onnx } from '../onnx-proto';
import { upgradeOpset } from './opset-upgrade';
import { rawTensor } from './tensor-data';

/** Ops whose first input is an activation the studio quantises. */
const consumers = new Set(['MatMul', 'MatMulNBits']);

/** Every activation input of every MatMul (A, and B when not a weight; MatMulNBits: A), once each. */
export function matmulActivations(model: ModelProto): string[] {
  const graph = model.graph as Onnx.GraphProto;
  // Weights are initializers, or dequantised initializers once weight PTQ has run.
  const dequantized = graph.node
    .filter((node) => node.opType === 'DequantizeLinear')
    .flatMap((node) => node.output ?? []);
  const constants = new Set([...graph.initializer.map((tensor) => tensor.name), ...dequantized]);
  const names = graph.node
    .filter((node) => consumers.has(node.opType ?? ''))
    .flatMap((node) => (node.input ?? []).slice(0, node.opType === 'MatMul' ? 2 : 1));
  return [...new Set(names.filter((name) => name && !constants.has(name)))];
}

/** Also returns `names` as graph outputs, so a calibration run can see them. */
export function exposeAsOutputs(model: ModelProto, names: readonly string[]): void {
  const graph = model.graph as Onnx.GraphProto;
  for (const name of names) {
    graph.output.push(
      onnx.ValueInfoProto.create({
        name,
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } },
      }),
    );
  }
}

/** Static quantisation parameters of one activation. */
export interface ActivationParams {
  scale: number;
  zeroPoint: number;
}

/**
 * Inserts QuantizeLinear → DequantizeLinear (uint8 or uint16, per tensor) on each calibrated
 * activation and points its MatMul consumers at the dequantised value. uint16 needs opset 21.
 */
export function insertActivationQdq(
  model: ModelProto,
  params: ReadonlyMap<string, ActivationParams>,
  bits: 8 | 16,
): void {
  const graph = model.graph as Onnx.GraphProto;
  const zeroType = bits === 8 ? onnx.TensorProto.DataType.UINT8 : onnx.TensorProto.DataType.UINT16;
  const inserted: Onnx.INodeProto[] = [];
  for (const [name, { scale, zeroPoint }] of params) {
    const zero = bits === 8 ? Uint8Array.of(zeroPoint) : Uint16Array.of(zeroPoint);
    graph.initializer.push(
      rawTensor(`${name}_act_scale`, onnx.TensorProto.DataType.FLOAT, [], Float32Array.of(scale)),
    );
    graph.initializer.push(rawTensor(`${name}_act_zero_point`, zeroType, [], zero));
    const qdq = [`${name}_act_scale`, `${name}_act_zero_point`];
    inserted.push(
      onnx.NodeProto.create({
        name: `${name}_QuantizeLinear`,
        opType: 'QuantizeLinear',
        input: [name, ...qdq],
        output: [`${name}_q`],
      }),
    );
    inserted.push(
      onnx.NodeProto.create({
        name: `${name}_DequantizeLinear`,
        opType: 'DequantizeLinear',
        input: [`${name}_q`, ...qdq],
        output: [`${name}_dq`],
      }),
    );
    for (const node of graph.node) {
      if (!consumers.has(node.opType ?? '')) continue;
      node.input = (node.input ?? []).map((input, i) =>
        i < 2 && input === name ? `${name}_dq` : input,
      );
    }
  }
  graph.node = topologicallyPlaced(graph.node, inserted);
  if (bits === 16) upgradeOpset(model, 21);
}

/** Puts each inserted Q/DQ pair right after the node producing its activation (or first). */
function topologicallyPlaced(
  nodes: Onnx.INodeProto[],
  inserted: Onnx.INodeProto[],
): Onnx.INodeProto[] {
  const result: Onnx.INodeProto[] = [];
  const pending = [...inserted];
  const place = (produced: readonly string[]) => {
    for (let i = 0; i < pending.length;) {
      const node = pending[i] as Onnx.INodeProto;
      const ready =
        node.opType === 'QuantizeLinear'
          ? produced.includes(node.input?.[0] ?? '')
          : result.some((n) => n.output?.includes(node.input?.[0] ?? ''));
      if (ready) {
        result.push(node);
        pending.splice(i, 1);
      } else i++;
    }
  };
  place([]);
  for (const node of nodes) {
    result.push(node);
    place(node.output ?? []);
  }
  // Activations that are graph inputs have no producer: their pairs go first.
  return [...pending, ...result];
}
