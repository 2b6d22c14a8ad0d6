/** Logits of one scored position over the vocabulary. */
export type Logits = Float32Array;

/** Row `row` of a [1, T, V] logits tensor. */
export function logitsRow(data: Float32Array, row: number, vocab: number): Logits {
  return data.slice(row * vocab, (row + 1) * vocab);
}

/** Index of the largest logit (greedy next token). */
export function argmax(logits: Logits): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++)
    if ((logits[i] as number) > (logits[best] as number)) best = i;
  return best;
}
