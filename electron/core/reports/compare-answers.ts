import type { CompareQuery, CompareResult } from '../../../shared/compare';
import { stableJson } from '../jobs/batcher';
import type { StoreMark } from '../store/run-repo';
import { trim } from './compare-run-cache';

/** Answers kept: the pages' few queries (scopes, a sweep or two), ~1.4 MB each at 10 000 runs. */
const keptAnswers = 4;

/**
 * `compare:query` answers kept while the store has not changed since (`mark`: a row this studio
 * wrote, or a commit of another process sharing the store): Compare asked again (a window
 * opened, the page revisited, the studio's warm-up) is answered without grouping 10 000 runs
 * again. The rows this studio wrote are counted after computing (computing stores the pools it
 * made); another process's commits from before it (one landing mid-computation may be missing
 * from the answer, which is then computed again).
 */
export class CompareAnswers {
  readonly #answers = new Map<string, { mark: StoreMark; answer: CompareResult }>();

  constructor(private readonly mark: () => StoreMark) {}

  answer(query: CompareQuery, compute: () => CompareResult): CompareResult {
    const key = stableJson(query);
    const kept = this.#answers.get(key);
    const before = this.mark();
    if (kept && sameMark(kept.mark, before)) return kept.answer;
    const answer = compute();
    const mark = { written: this.mark().written, foreign: before.foreign };
    this.#answers.delete(key);
    this.#answers.set(key, { mark, answer });
    trim(this.#answers, keptAnswers);
    return answer;
  }
}

function sameMark(a: StoreMark, b: StoreMark): boolean {
  return a.written === b.written && a.foreign === b.foreign;
}
