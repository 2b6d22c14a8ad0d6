import { l as rougeL } from 'js-rouge';

/** Scores of a generated answer against the dataset's reference (SQuAD-style normalisation). */
export interface TaskScores {
  exactMatch: number;
  f1: number;
  rougeL: number;
}

/** Lower case, punctuation and articles removed, whitespace collapsed (SQuAD's normaliser). */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Token-overlap F1 of normalised answers. */
export function tokenF1(prediction: string, reference: string): number {
  const predicted = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const expected = normalizeAnswer(reference).split(' ').filter(Boolean);
  if (predicted.length === 0 || expected.length === 0)
    return predicted.length === expected.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of expected) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common++;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

export function scoreAnswer(prediction: string, reference: string): TaskScores {
  const a = normalizeAnswer(prediction);
  const b = normalizeAnswer(reference);
  return {
    exactMatch: a === b ? 1 : 0,
    f1: tokenF1(prediction, reference),
    rougeL:
      a.length === 0 || b.length === 0 ? (a === b ? 1 : 0) : rougeL(a, b, { caseSensitive: false }),
  };
}

/** The mean of each score over several answers (at least one). */
export function meanScores(all: readonly TaskScores[]): TaskScores {
  const average = (key: keyof TaskScores) =>
    all.reduce((sum, score) => sum + score[key], 0) / all.length;
  return { exactMatch: average('exactMatch'), f1: average('f1'), rougeL: average('rougeL') };
}
