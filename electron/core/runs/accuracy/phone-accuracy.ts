import type { RunAccuracy } from '../../../../shared/run-metrics';
import type { Logits } from '../../graphs/fidelity/logits';
import { compareLogits, compareLogitsPerToken } from '../../graphs/fidelity/metrics';
import { meanScores, scoreAnswer, type TaskScores } from '../../graphs/fidelity/task-scores';
import type { TextTokenizer } from '../../graphs/tokenizer';
import type { RunPrompt } from './run-prompts';

/** What the phone's runner gave for one scored prompt: logits of its positions, greedy tokens. */
export interface PhoneOutput {
  rows: Logits[];
  tokens: number[];
}

/** The host's logits of one prompt: the full-context reference and the float specialised graphs. */
export interface HostLogits {
  reference: Logits[];
  specialised: Logits[];
}

/**
 * The accuracy of a run: the phone's logits against the full-context float reference (total),
 * split into what the cache configuration costs (host float specialised vs reference) and what
 * quantisation and the phone's runtime add (phone vs host float specialised); and the task score
 * of the phone's greedy answers where the prompts have answers. Pure.
 */
export function phoneAccuracy(
  prompts: readonly RunPrompt[],
  phone: readonly PhoneOutput[],
  host: readonly HostLogits[],
  tokenizer: TextTokenizer | null,
): RunAccuracy {
  const rows = (index: number) => phone[index]!.rows.slice(0, prompts[index]!.tokens.length);
  const all = <T>(pick: (index: number) => T[]) => prompts.flatMap((_, index) => pick(index));
  const reference = all((index) => host[index]!.reference);
  const specialised = all((index) => host[index]!.specialised);
  const onPhone = all(rows);
  const total = compareLogitsPerToken(reference, onPhone);
  return {
    prompts: prompts.length,
    total: total.summary,
    cache: compareLogits(reference, specialised),
    quantization: compareLogits(specialised, onPhone),
    tokenKl: evenlyPicked(total.kls, maxTokenKl),
    task: taskScore(prompts, phone, tokenizer),
  };
}

/** At most this many per-token KL values are kept with a run. */
const maxTokenKl = 4096;

/** At most `limit` of the values, evenly spaced, in order. */
function evenlyPicked(values: number[], limit: number): number[] {
  if (values.length <= limit) return values;
  return Array.from({ length: limit }, (_, k) => values[Math.floor((k * values.length) / limit)]!);
}

function taskScore(
  prompts: readonly RunPrompt[],
  phone: readonly PhoneOutput[],
  tokenizer: TextTokenizer | null,
): RunAccuracy['task'] {
  if (!tokenizer) return null;
  const scores: TaskScores[] = [];
  prompts.forEach((prompt, index) => {
    if (prompt.answer === null) return;
    const tokens = phone[index]!.tokens;
    const end = tokenizer.eos === null ? -1 : tokens.indexOf(tokenizer.eos);
    const answer = tokenizer.decode(end < 0 ? tokens : tokens.slice(0, end));
    scores.push(scoreAnswer(answer, prompt.answer));
  });
  return scores.length === 0 ? null : { answered: scores.length, ...meanScores(scores) };
}
