import { toNumber, type Onnx } from './onnx-proto';

/** Who makes and who reads each tensor of a graph, and which tensors are constants. */
export class GraphIndex {
  readonly producers = new Map<string, Onnx.INodeProto>();
  readonly consumers = new Map<string, Onnx.INodeProto[]>();
  readonly initializers: Map<string, Onnx.ITensorProto>;

  constructor(graph: Onnx.IGraphProto) {
    this.initializers = new Map(
      (graph.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]),
    );
    for (const node of graph.node ?? []) {
      for (const output of node.output ?? []) this.producers.set(output, node);
      for (const input of node.input ?? []) {
        if (!this.consumers.has(input)) this.consumers.set(input, []);
        this.consumers.get(input)?.push(node);
      }
    }
  }

  isConstant(name: string): boolean {
    return this.initializers.has(name) || this.producers.get(name)?.opType === 'Constant';
  }

  /**
   * The 2-D weight a MatMul (or Gemm) multiplies by, with its width N (output features): an
   * initializer, or one transposed in the graph (`computed`, as a head tied to the embedding is).
   */
  weightOf(node: Onnx.INodeProto): Weight | null {
    if (node.opType !== 'MatMul' && node.opType !== 'Gemm') return null;
    const name = node.input?.[1] ?? '';
    const transpose = this.producers.get(name);
    const computed = transpose?.opType === 'Transpose';
    const tensor = this.initializers.get(computed ? (transpose.input?.[0] ?? '') : name);
    const dims = (tensor?.dims ?? []).map(toNumber);
    if (!tensor || dims.length !== 2) return null;
    const transB = node.attribute?.some((a) => a.name === 'transB' && toNumber(a.i) === 1);
    // A 2-D Transpose (and transB) swap K and N: an even number of swaps leaves them.
    return {
      tensor,
      width: (computed === Boolean(transB) ? dims[1] : dims[0]) as number,
      computed,
    };
  }
}

/** A MatMul's weight as `GraphIndex.weightOf` finds it. */
export interface Weight {
  tensor: Onnx.ITensorProto;
  width: number;
  computed: boolean;
}

/**
 * Ops a tensor keeps its meaning through, between a projection and where it is used: reshapes,
 * transposes, casts, elementwise maths (bias, scaling, RoPE's rotate-half) and concatenation.
 * The value is which inputs carry the data ('all': every input that is not a constant).
 */
const passThrough: Record<string, 'first' | 'all'> = {
  Reshape: 'first',
  Transpose: 'first',
  Squeeze: 'first',
  Unsqueeze: 'first',
  Flatten: 'first',
  Expand: 'first',
  Slice: 'first',
  Split: 'first',
  Identity: 'first',
  Cast: 'first',
  Neg: 'first',
  Tanh: 'first',
  Add: 'all',
  Sub: 'all',
  Mul: 'all',
  Div: 'all',
  Concat: 'all',
};

function dataInputs(index: GraphIndex, node: Onnx.INodeProto): string[] {
  const inputs = (node.input ?? []).filter(Boolean);
  const kind = passThrough[node.opType ?? ''];
  if (kind === undefined) return [];
  return (kind === 'first' ? inputs.slice(0, 1) : inputs).filter((i) => !index.isConstant(i));
}

/**
 * The output head: the MatMul/Gemm with a weight whose output is the `logits` output, or feeds
 * only it through pass-through ops (bias, softcap, reshape…). Found by structure, so a head named
 * `val_415` is found as surely as one named `lm_head`. Null when there is none.
 */
export function findOutputHead(graph: Onnx.IGraphProto, output = 'logits'): Onnx.INodeProto | null {
  const index = new GraphIndex(graph);
  let tensor = output;
  for (;;) {
    const node = index.producers.get(tensor);
    if (!node) return null;
    if (index.weightOf(node)) return node;
    const inputs = dataInputs(index, node);
    const [next] = inputs;
    if (inputs.length !== 1 || next === undefined) return null;
    if ((index.consumers.get(next) ?? []).length !== 1) return null;
    tensor = next;
  }
}

/**
 * The query projection of the attention whose keys are `presentKey`, `keyWidth` (kv heads · head
 * dim) wide: the score MatMul is the first MatMul the key reaches through pass-through ops; its
 * other operand, followed back through pass-through ops (RoPE, bias, reshape), comes from one
 * weight MatMul, and the key from another one `keyWidth` wide (not a fused QKV, whose width is
 * not the query's). Null when the graph does not show that.
 */
export function findQueryProjection(
  graph: Onnx.IGraphProto,
  presentKey: string,
  keyWidth: number,
): { node: Onnx.INodeProto; width: number } | null {
  const index = new GraphIndex(graph);
  const scores = firstMatMulReached(index, presentKey);
  const [query, ...moreQueries] = scores ? weightMatMulsFeeding(index, scores.query) : [];
  const [key, ...moreKeys] = weightMatMulsFeeding(index, presentKey);
  if (!query || !key || moreQueries.length > 0 || moreKeys.length > 0 || query === key) return null;
  if (index.weightOf(key)?.width !== keyWidth) return null;
  return { node: query, width: index.weightOf(query)?.width ?? 0 };
}

function firstMatMulReached(index: GraphIndex, start: string): { query: string } | null {
  const reached = new Set([start]);
  const queue = [start];
  for (let tensor = queue.shift(); tensor !== undefined; tensor = queue.shift()) {
    for (const node of index.consumers.get(tensor) ?? []) {
      if (node.opType === 'MatMul') {
        const query = (node.input ?? []).find((input) => !reached.has(input));
        return query === undefined ? null : { query };
      }
      if (!dataInputs(index, node).includes(tensor)) continue;
      for (const output of node.output ?? []) {
        if (reached.has(output)) continue;
        reached.add(output);
        queue.push(output);
      }
    }
  }
  return null;
}

function weightMatMulsFeeding(index: GraphIndex, start: string): Onnx.INodeProto[] {
  const found = new Set<Onnx.INodeProto>();
  const seen = new Set([start]);
  const queue = [start];
  for (let tensor = queue.shift(); tensor !== undefined; tensor = queue.shift()) {
    const node = index.producers.get(tensor);
    if (!node) continue;
    if (index.weightOf(node)) {
      found.add(node);
      continue;
    }
    for (const input of dataInputs(index, node)) {
      if (seen.has(input)) continue;
      seen.add(input);
      queue.push(input);
    }
  }
  return [...found];
}
