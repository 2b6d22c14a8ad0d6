import { isAbsolute, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { graphPairWiring, type LoopWiring } from '../../runs/runtimes/graph-pair-plan';
import { chunksOf, type ChunkRunner, type OutputsHook } from './chunk-runner';
import { logitsRow, type Logits } from './logits';

type Graph = LoopWiring['graphs']['prefill'];

/**
 * The generic loop edge-runner runs, in onnxruntime-node: over self-contained graphs wired by a
 * run plan, every state input starts at zero and takes its paired output after each call; the
 * cache policy is the graphs' own. Prefill goes a chunk a call (the last one padded and masked),
 * a lone token goes to the decode graph.
 */
export class PlanRunner implements ChunkRunner {
  #state: Record<string, ort.Tensor> = {};
  #position = 0;

  private constructor(
    private readonly wiring: LoopWiring,
    private readonly prefill: ort.InferenceSession,
    private readonly decode: ort.InferenceSession,
    private readonly onOutputs?: OutputsHook,
  ) {
    this.reset();
  }

  /** Opens the wiring's graphs; relative files are resolved against `dir` (the plan's folder). */
  static async open(wiring: LoopWiring, dir: string, onOutputs?: OutputsHook) {
    const prefill = await openGraph(wiring, wiring.graphs.prefill, dir);
    const decode = wiring.graphs.decode
      ? await openGraph(wiring, wiring.graphs.decode, dir)
      : prefill;
    return new PlanRunner(wiring, prefill, decode, onOutputs);
  }

  /** Opens a built graph pair (absolute paths), wired by graph-pair-plan.ts from its inputs. */
  static async openPair(
    files: { prefill: string; decode: string; padToken: number },
    onOutputs?: OutputsHook,
  ) {
    const graphs = { prefill: { file: files.prefill }, decode: { file: files.decode } };
    const prefill = await openGraph({}, graphs.prefill, '');
    const decode = await openGraph({}, graphs.decode, '');
    const wiring = graphPairWiring({ ...files, inputNames: prefill.inputNames });
    return new PlanRunner(wiring, prefill, decode, onOutputs);
  }

  reset(): void {
    this.#state = {};
    for (const { input } of this.wiring.state) {
      const { type, dims } = this.#input(this.prefill, this.wiring.graphs.prefill, input);
      this.#state[input] = zeros(type, dims);
    }
    this.#position = 0;
  }

  async feed(tokens: readonly number[]): Promise<Logits[]> {
    const single = tokens.length === 1 && this.wiring.graphs.decode !== undefined;
    const [session, graph] = single
      ? [this.decode, this.wiring.graphs.decode as Graph]
      : [this.prefill, this.wiring.graphs.prefill];
    const width = this.#input(session, graph, this.wiring.inputs.tokens).dims[1] as number;
    const logits: Logits[] = [];
    for (const chunk of chunksOf(tokens, width))
      logits.push(...(await this.#call(session, graph, width, chunk)));
    return logits;
  }

  async #call(session: ort.InferenceSession, graph: Graph, width: number, chunk: number[]) {
    const { inputs, pad_token: pad } = this.wiring;
    const ids = Array.from({ length: width }, (_, i) => chunk[i] ?? pad);
    const integers = (name: string, values: number[]) =>
      integerTensor(this.#input(session, graph, name).type, values, [1, width]);
    const feeds: Record<string, ort.Tensor> = { ...this.#constants(), ...this.#state };
    feeds[inputs.tokens] = integers(inputs.tokens, ids);
    if (inputs.positions)
      feeds[inputs.positions] = integers(
        inputs.positions,
        ids.map((_, i) => this.#position + i),
      );
    if (inputs.chunk_mask)
      feeds[inputs.chunk_mask] = new ort.Tensor(
        'float32',
        Float32Array.from(ids, (_, i) => (i < chunk.length ? 1 : 0)),
        [1, width],
      );
    const outputs = await session.run(feeds);
    this.onOutputs?.(outputs, chunk.length);
    for (const { input, output } of this.wiring.state)
      this.#state[input] = outputs[output] as ort.Tensor;
    this.#position += chunk.length;
    const logits = outputs[this.wiring.logits] as ort.Tensor;
    const vocab = Number(logits.dims[2]);
    return chunk.map((_, i) => logitsRow(logits.data as Float32Array, i, vocab));
  }

  #constants(): Record<string, ort.Tensor> {
    const constants: Record<string, ort.Tensor> = {};
    for (const c of this.wiring.constants ?? []) {
      constants[c.name] =
        c.type === 'float32'
          ? new ort.Tensor('float32', Float32Array.from(c.values), c.shape)
          : integerTensor(c.type, c.values, c.shape);
    }
    return constants;
  }

  /** An input's type and dims, its symbolic dims resolved by the graph's overrides. */
  #input(session: ort.InferenceSession, graph: Graph, name: string) {
    const meta = session.inputMetadata.find((input) => input.name === name);
    if (!meta?.isTensor) throw new Error(`Graph ${graph.file} has no tensor input ${name}`);
    const dims = meta.shape.map((dim) =>
      typeof dim === 'number' ? dim : (graph.dims?.[dim] ?? 0),
    );
    return { type: meta.type, dims };
  }

  async release(): Promise<void> {
    await this.prefill.release();
    if (this.decode !== this.prefill) await this.decode.release();
  }
}

function openGraph(wiring: Pick<LoopWiring, 'threads'>, graph: Graph, dir: string) {
  return ort.InferenceSession.create(isAbsolute(graph.file) ? graph.file : join(dir, graph.file), {
    intraOpNumThreads: wiring.threads ?? 1,
    interOpNumThreads: 1,
    freeDimensionOverrides: graph.dims ?? {},
  });
}

function integerTensor(type: string, values: number[], dims: readonly number[]): ort.Tensor {
  return type === 'int32'
    ? new ort.Tensor('int32', Int32Array.from(values), dims)
    : new ort.Tensor(
        'int64',
        BigInt64Array.from(values, (value) => BigInt(value)),
        dims,
      );
}

const zeroArrays: Record<string, (size: number) => ort.Tensor['data']> = {
  float32: (size) => new Float32Array(size),
  int64: (size) => new BigInt64Array(size),
  int32: (size) => new Int32Array(size),
};

function zeros(type: string, dims: readonly number[]): ort.Tensor {
  const make = zeroArrays[type];
  if (!make) throw new Error(`State of type ${type} is not supported`);
  return new ort.Tensor(
    type as 'float32',
    make(dims.reduce((a, b) => a * b, 1)) as Float32Array,
    dims,
  );
}
