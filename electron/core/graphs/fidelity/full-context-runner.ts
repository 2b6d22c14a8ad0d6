import type * as ort from 'onnxruntime-node';
import { float32, int64, openSession, type ChunkRunner } from './chunk-runner';
import { logitsRow, type Logits } from './logits';

/**
 * The float reference: the unspecialised optimum-style graph run on the whole context at once,
 * nothing evicted, no memory. `feed` may be called again to extend the context.
 */
export class FullContextRunner implements ChunkRunner {
  #tokens: number[] = [];

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly geometry: { layers: number; kvHeads: number; headDim: number; vocab: number },
  ) {}

  static async open(
    path: string,
    geometry: FullContextRunner['geometry'],
  ): Promise<FullContextRunner> {
    return new FullContextRunner(await openSession(path), geometry);
  }

  reset(): void {
    this.#tokens = [];
  }

  async feed(tokens: readonly number[]): Promise<Logits[]> {
    const previous = this.#tokens.length;
    this.#tokens = [...this.#tokens, ...tokens];
    const all = this.#tokens;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: int64(all, [1, all.length]),
      attention_mask: int64(
        all.map(() => 1),
        [1, all.length],
      ),
      position_ids: int64(
        all.map((_, i) => i),
        [1, all.length],
      ),
    };
    const { layers, kvHeads, headDim, vocab } = this.geometry;
    for (let layer = 0; layer < layers; layer++) {
      for (const kind of ['key', 'value'])
        feeds[`past_key_values.${layer}.${kind}`] = float32(new Float32Array(0), [
          1,
          kvHeads,
          0,
          headDim,
        ]);
    }
    const outputs = await this.session.run(feeds, ['logits']);
    const data = outputs.logits?.data as Float32Array;
    return tokens.map((_, i) => logitsRow(data, previous + i, vocab));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
