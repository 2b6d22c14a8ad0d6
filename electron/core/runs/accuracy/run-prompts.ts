import { join } from 'node:path';
import type { DatasetItem, ModelInspection } from '../../../../shared/graph';
import { fail, ok, type Result } from '../../../../shared/result';
import type { RunRequest } from '../../../../shared/run';
import { readDataset } from '../../graphs/fidelity/dataset';
import { loadTokenizer, type TextTokenizer } from '../../graphs/tokenizer';
import { studioRoot } from '../../paths';

/** One prompt of a run: its tokens and, where the dataset has one, the answer to score. */
export interface RunPrompt {
  tokens: number[];
  answer: string | null;
}

/** What a run feeds the phone: the timed prompt, the prompts scored for accuracy, decode steps. */
export interface RunPrompts {
  timed: RunPrompt;
  /** The timed prompt first, then the next ones of the dataset (empty: accuracy is off). */
  scored: RunPrompt[];
  decodeTokens: number;
  /** Null for a synthetic prompt: there is no text to decode answers from. */
  tokenizer: TextTokenizer | null;
}

/** The eval set a built-in model ships with, used when a run names no dataset. */
const builtinDatasets: Record<string, string> = {
  'builtin:edge-infinite-tiny': 'profiles/models/edge-infinite-tiny/eval/passkey.jsonl',
};

/** The dataset a run reads: the one it names, else its model's own; null for neither. */
export function datasetOf(request: Pick<RunRequest, 'dataset' | 'model'>): string | null {
  if (request.dataset) return request.dataset;
  const builtin = builtinDatasets[request.model];
  return builtin ? join(studioRoot(), builtin) : null;
}

/**
 * The prompts of a run: from its dataset through the model's tokenizer, or, with `promptTokens`
 * and no dataset, a synthetic prompt (deterministic ids below the vocabulary) scored for fidelity
 * only. With both, the timed prompt is the dataset's fitted to `promptTokens` (`fitPrompt`), so a
 * sweep's prompt-length axis changes what is timed. A run with neither is refused with what to
 * pass.
 */
export async function runPrompts(
  request: RunRequest,
  inspection: ModelInspection,
): Promise<Result<RunPrompts>> {
  const dataset = datasetOf(request);
  if (dataset === null) return syntheticPrompts(request, inspection);
  const limit = request.promptIndex + Math.max(1, request.accuracyPrompts);
  const items = await readDataset(dataset, limit);
  if (!items.ok) return items;
  if (items.value.length <= request.promptIndex) {
    return fail(
      'invalid-args',
      `promptIndex ${request.promptIndex} is past the ${items.value.length} prompts of ${dataset}`,
    );
  }
  const tokenizer = await loadTokenizer(inspection, 'a run on a text dataset');
  if (!tokenizer.ok) return tokenizer;
  const prompts = items.value
    .slice(request.promptIndex)
    .map((item) => promptOf(item, tokenizer.value));
  const [first, ...rest] = prompts as [RunPrompt, ...RunPrompt[]];
  const timed = fitPrompt(first, request.promptTokens);
  // Decode steps by the dataset prompt's answer, fitted or not: the length axis changes only
  // the prompt.
  const answerTokens = first.answer === null ? 0 : tokenizer.value.encode(first.answer).length;
  return ok({
    timed,
    scored: [timed, ...rest].slice(0, request.accuracyPrompts),
    decodeTokens: request.decodeTokens ?? (first.answer === null ? 16 : answerTokens + 8),
    tokenizer: tokenizer.value,
  });
}

/**
 * The prompt at `length` tokens: its first `length` tokens when longer, itself repeated (and the
 * last copy cut) when shorter, as it is when no length is asked or it has that length already.
 * A prompt cut or repeated has no answer to score: its question may be gone or asked twice.
 * Pure.
 */
export function fitPrompt(prompt: RunPrompt, length: number | undefined): RunPrompt {
  const { tokens } = prompt;
  if (length === undefined || length === tokens.length || tokens.length === 0) return prompt;
  return { tokens: Array.from({ length }, (_, i) => tokens[i % tokens.length]!), answer: null };
}

function promptOf(item: DatasetItem, tokenizer: TextTokenizer): RunPrompt {
  return { tokens: tokenizer.encode(item.prompt), answer: item.answer ?? null };
}

function syntheticPrompts(request: RunRequest, inspection: ModelInspection): Result<RunPrompts> {
  if (request.promptTokens === undefined) {
    return fail(
      'invalid-args',
      `${request.model} has no eval set of its own: pass a dataset (JSONL) or promptTokens`,
    );
  }
  const vocab = inspection.decoder?.vocab ?? 256;
  const tokens = Array.from({ length: request.promptTokens }, (_, i) => (i * 7919 + 13) % vocab);
  const timed = { tokens, answer: null };
  return ok({
    timed,
    scored: request.accuracyPrompts > 0 ? [timed] : [],
    decodeTokens: request.decodeTokens ?? 16,
    tokenizer: null,
  });
}
