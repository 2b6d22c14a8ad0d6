import type * as ort from 'onnxruntime-node';
import {
  chunksOf,
  float32,
  inputDims,
  int64,
  openSession,
  type ChunkRunner,
  type OutputsHook,
} from './chunk-runner';
import { stateOutputName } from '../io-convention';
import { logitsRow, type Logits } from './logits';

/** The demo model's padding token (byte vocabulary 0–255, then PAD, BOS, EOS). */
const pad = 256;

const tokenInputs = new Set(['input_ids', 'position_ids', 'chunk_mask']);

/**
 * Drives the demo model's self-contained streaming graph (see its model card): every input that
 * is not a token input is state, started at zero and replaced by its `present*` output after each
 * call; the graph itself evicts to sink + window and folds evicted tokens into memory.
 */
export class StreamRunner implements ChunkRunner {
  #state: Record<string, ort.Tensor> = {};
  #position = 0;

  private constructor(
    private readonly prefill: ort.InferenceSession,
    private readonly decode: ort.InferenceSession,
    private readonly vocab: number,
    private readonly onOutputs?: OutputsHook,
  ) {
    this.reset();
  }

  static async open(
    prefillPath: string,
    decodePath: string,
    vocab: number,
    onOutputs?: OutputsHook,
  ): Promise<StreamRunner> {
    return new StreamRunner(
      await openSession(prefillPath),
      await openSession(decodePath),
      vocab,
      onOutputs,
    );
  }

  reset(): void {
    this.#state = {};
    for (const name of this.prefill.inputNames.filter((input) => !tokenInputs.has(input))) {
      const dims = inputDims(this.prefill, name);
      this.#state[name] = float32(new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
    }
    this.#position = 0;
  }

  async feed(tokens: readonly number[]): Promise<Logits[]> {
    const single = tokens.length === 1;
    const session = single ? this.decode : this.prefill;
    const width = inputDims(session, 'input_ids')[1] as number;
    const logits: Logits[] = [];
    for (const chunk of chunksOf(tokens, width)) {
      const ids = Array.from({ length: width }, (_, i) => chunk[i] ?? pad);
      const outputs = await session.run({
        ...this.#state,
        input_ids: int64(ids, [1, width]),
        position_ids: int64(
          ids.map((_, i) => this.#position + i),
          [1, width],
        ),
        chunk_mask: float32(
          Float32Array.from(ids, (_, i) => (i < chunk.length ? 1 : 0)),
          [1, width],
        ),
      });
      this.onOutputs?.(outputs, chunk.length);
      for (const name of Object.keys(this.#state))
        this.#state[name] = outputs[stateOutputName(name)] as ort.Tensor;
      this.#position += chunk.length;
      const data = outputs.logits?.data as Float32Array;
      logits.push(...chunk.map((_, i) => logitsRow(data, i, this.vocab)));
    }
    return logits;
  }

  async release(): Promise<void> {
    await this.prefill.release();
    await this.decode.release();
  }
}
