import * as ort from 'onnxruntime-node';
import type { Logits } from './logits';

/** Feeds a token sequence to a graph and returns the logits of every token fed. */
export interface ChunkRunner {
  reset(): void;
  /** Appends tokens to the context; logits[i] predicts the token after tokens[i]. */
  feed(tokens: readonly number[]): Promise<Logits[]>;
  release(): Promise<void>;
}

/** Sees every output of every graph call, with how many of the call's tokens are real. */
export type OutputsHook = (outputs: ort.InferenceSession.ReturnType, realTokens: number) => void;

/** An onnxruntime session over a graph file, one intra-op thread (runners share the host). */
export function openSession(path: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });
}

export const int64 = (values: readonly number[], dims: number[]) =>
  new ort.Tensor(
    'int64',
    BigInt64Array.from(values, (value) => BigInt(value)),
    dims,
  );

export const float32 = (values: Float32Array, dims: number[]) =>
  new ort.Tensor('float32', values, dims);

/** Splits tokens into chunks of at most `size`. */
export function chunksOf(tokens: readonly number[], size: number): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < tokens.length; start += size)
    chunks.push(tokens.slice(start, start + size));
  return chunks;
}
