import { mean, quantile } from 'simple-statistics';
import { argmax, type Logits } from './logits';

/** How close candidate logits are to reference logits, over every scored token. */
export interface FidelitySummary {
  tokens: number;
  cosineMean: number;
  top1Agreement: number;
  klMean: number;
  klP95: number;
}

/** Cosine similarity of two logit vectors. */
export function cosine(a: Logits, b: Logits): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return na === 0 || nb === 0 ? (na === nb ? 1 : 0) : dot / Math.sqrt(na * nb);
}

/** log softmax, computed stably. */
function logSoftmax(logits: Logits): Float64Array {
  let max = -Infinity;
  for (const value of logits) max = Math.max(max, value);
  let sum = 0;
  for (const value of logits) sum += Math.exp(value - max);
  const logSum = max + Math.log(sum);
  return Float64Array.from(logits, (value) => value - logSum);
}

/** KL(reference ‖ candidate) of the two next-token distributions, in nats. */
export function klDivergence(reference: Logits, candidate: Logits): number {
  const p = logSoftmax(reference);
  const q = logSoftmax(candidate);
  let kl = 0;
  for (let i = 0; i < p.length; i++)
    kl += Math.exp(p[i] as number) * ((p[i] as number) - (q[i] as number));
  return Math.max(0, kl);
}

/** Per-token metrics of candidate against reference, summarised. */
export function compareLogits(
  reference: readonly Logits[],
  candidate: readonly Logits[],
): FidelitySummary {
  return compareLogitsPerToken(reference, candidate).summary;
}

/**
 * `compareLogits`, with the per-token KL it summarised: for callers that keep each token's KL
 * too (a run's accuracy), so that it is computed once.
 */
export function compareLogitsPerToken(
  reference: readonly Logits[],
  candidate: readonly Logits[],
): { summary: FidelitySummary; kls: number[] } {
  if (reference.length !== candidate.length || reference.length === 0) {
    throw new Error(
      `Cannot compare ${candidate.length} candidate tokens with ${reference.length} reference tokens`,
    );
  }
  const kls = reference.map((logits, i) => klDivergence(logits, candidate[i] as Logits));
  const cosines = reference.map((logits, i) => cosine(logits, candidate[i] as Logits));
  const agree = reference.filter(
    (logits, i) => argmax(logits) === argmax(candidate[i] as Logits),
  ).length;
  const summary = {
    tokens: reference.length,
    cosineMean: mean(cosines),
    top1Agreement: agree / reference.length,
    klMean: mean(kls),
    // quantile sorts a copy, so `kls` stays in token order.
    klP95: quantile(kls, 0.95),
  };
  return { summary, kls };
}
