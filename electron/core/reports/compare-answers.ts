import type { CompareQuery, CompareResult } from '../../../shared/compare';
import { stableJson } from '../jobs/batcher';

/** Answers kept: the pages' few queries (scopes, a sweep or two), ~1.4 MB each at 10 000 runs. */
const keptAnswers = 4;

/**
 * `compare:query` answers kept while the store has not changed since (`mark`: any row this
 * studio wrote, or a commit of another process sharing the store, moves it): Compare asked again
 * (a window opened, the page revisited, the studio's warm-up) is answered without grouping 10 000
 * runs again. A changed store recomputes; the mark is read after computing, since computing
 * stores the pools it made.
 */
export class CompareAnswers {
  readonly #answers = new Map<string, { mark: string; answer: CompareResult }>();

  constructor(private readonly mark: () => string) {}

  answer(query: CompareQuery, compute: () => CompareResult): CompareResult {
    const key = stableJson(query);
    const kept = this.#answers.get(key);
    if (kept?.mark === this.mark()) return kept.answer;
    const answer = compute();
    this.#answers.delete(key);
    this.#answers.set(key, { mark: this.mark(), answer });
    while (this.#answers.size > keptAnswers)
      this.#answers.delete(this.#answers.keys().next().value!);
    return answer;
  }
}
