import type * as ort from 'onnxruntime-node';
import type { Scenario } from '../../../../shared/scenario';
import {
  chunksOf,
  float32,
  inputDims,
  int64,
  openSession,
  type ChunkRunner,
  type OutputsHook,
} from './chunk-runner';
import { logitsRow, type Logits } from './logits';

/** One token's key and value in one layer, [kvHeads · headDim] each. */
interface Entry {
  key: Float32Array;
  value: Float32Array;
}

/**
 * Drives an optimum-style graph specialised to fixed shapes (past = S + W slots) the way a
 * fixed-shape device runner does: the first S tokens stay as sinks, the window keeps the last W,
 * older tokens are evicted. Prefill goes C tokens a call, a lone token goes to the decode graph.
 */
export class EvictingCacheRunner implements ChunkRunner {
  #sink: Entry[][] = [];
  #window: Entry[][] = [];
  #position = 0;

  private constructor(
    private readonly prefill: ort.InferenceSession,
    private readonly decode: ort.InferenceSession,
    private readonly scenario: Scenario,
    private readonly geometry: { layers: number; kvHeads: number; headDim: number; vocab: number },
    private readonly onOutputs?: OutputsHook,
  ) {
    this.reset();
  }

  static async open(
    prefillPath: string,
    decodePath: string,
    scenario: Scenario,
    geometry: EvictingCacheRunner['geometry'],
    onOutputs?: OutputsHook,
  ) {
    return new EvictingCacheRunner(
      await openSession(prefillPath),
      await openSession(decodePath),
      scenario,
      geometry,
      onOutputs,
    );
  }

  reset(): void {
    this.#sink = Array.from({ length: this.geometry.layers }, () => []);
    this.#window = Array.from({ length: this.geometry.layers }, () => []);
    this.#position = 0;
  }

  async feed(tokens: readonly number[]): Promise<Logits[]> {
    const logits: Logits[] = [];
    const single = tokens.length === 1;
    for (const chunk of chunksOf(tokens, single ? 1 : this.scenario.chunk))
      logits.push(...(await this.#call(chunk, single ? this.decode : this.prefill)));
    return logits;
  }

  async #call(tokens: number[], session: ort.InferenceSession): Promise<Logits[]> {
    const width = inputDims(session, 'input_ids')[1] as number;
    const slots = this.scenario.sink + this.scenario.window;
    const ids = Array.from({ length: width }, (_, i) => tokens[i] ?? 0);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: int64(ids, [1, width]),
      position_ids: int64(
        ids.map((_, i) => this.#position + i),
        [1, width],
      ),
      attention_mask: int64(this.#mask(slots, width, tokens.length), [1, slots + width]),
      ...this.#pastFeeds(slots),
    };
    const outputs = await session.run(feeds);
    this.onOutputs?.(outputs, tokens.length);
    this.#append(outputs, slots + width, tokens.length);
    this.#position += tokens.length;
    const data = outputs.logits?.data as Float32Array;
    return tokens.map((_, i) => logitsRow(data, i, this.geometry.vocab));
  }

  /** 1 for valid past slots (sinks first, then the window) and the real new tokens. */
  #mask(slots: number, width: number, real: number): number[] {
    const sink = this.#sink[0]?.length ?? 0;
    const window = this.#window[0]?.length ?? 0;
    return Array.from({ length: slots + width }, (_, slot) => {
      if (slot >= slots) return slot - slots < real ? 1 : 0;
      return slot < sink || (slot >= this.scenario.sink && slot < this.scenario.sink + window)
        ? 1
        : 0;
    });
  }

  #pastFeeds(slots: number): Record<string, ort.Tensor> {
    const { layers, kvHeads, headDim } = this.geometry;
    const feeds: Record<string, ort.Tensor> = {};
    for (let layer = 0; layer < layers; layer++) {
      const keys = new Float32Array(kvHeads * slots * headDim);
      const values = new Float32Array(kvHeads * slots * headDim);
      const place = (entry: Entry, slot: number) => {
        for (let head = 0; head < kvHeads; head++) {
          keys.set(
            entry.key.subarray(head * headDim, (head + 1) * headDim),
            (head * slots + slot) * headDim,
          );
          values.set(
            entry.value.subarray(head * headDim, (head + 1) * headDim),
            (head * slots + slot) * headDim,
          );
        }
      };
      this.#sink[layer]?.forEach((entry, i) => place(entry, i));
      this.#window[layer]?.forEach((entry, i) => place(entry, this.scenario.sink + i));
      feeds[`past_key_values.${layer}.key`] = float32(keys, [1, kvHeads, slots, headDim]);
      feeds[`past_key_values.${layer}.value`] = float32(values, [1, kvHeads, slots, headDim]);
    }
    return feeds;
  }

  /** Moves the new tokens' keys and values out of `present` into the sink, then the window. */
  #append(outputs: ort.InferenceSession.ReturnType, total: number, real: number): void {
    const { layers, kvHeads, headDim } = this.geometry;
    const slots = this.scenario.sink + this.scenario.window;
    for (let layer = 0; layer < layers; layer++) {
      const keys = outputs[`present.${layer}.key`]?.data as Float32Array;
      const values = outputs[`present.${layer}.value`]?.data as Float32Array;
      for (let token = 0; token < real; token++) {
        const entry = {
          key: new Float32Array(kvHeads * headDim),
          value: new Float32Array(kvHeads * headDim),
        };
        for (let head = 0; head < kvHeads; head++) {
          const from = (head * total + slots + token) * headDim;
          entry.key.set(keys.subarray(from, from + headDim), head * headDim);
          entry.value.set(values.subarray(from, from + headDim), head * headDim);
        }
        this.#keep(layer, entry);
      }
    }
  }

  #keep(layer: number, entry: Entry): void {
    const sink = this.#sink[layer] as Entry[];
    const window = this.#window[layer] as Entry[];
    if (sink.length < this.scenario.sink) sink.push(entry);
    else {
      window.push(entry);
      if (window.length > this.scenario.window) window.shift();
    }
  }

  async release(): Promise<void> {
    await this.prefill.release();
    await this.decode.release();
  }
}
