import type { RunRecord } from '../../../shared/run';
import { isTerminalRunState, type RunState } from '../../../shared/run-state';
import type { RunRepo } from '../store/run-repo';

/** Ended runs kept parsed (10 000 runs of a 4 096-token KL each are ~330 MB at worst). */
export const cachedRunLimit = 20_000;

/**
 * The ended runs Compare has read, kept parsed: an ended run's record no longer changes (a
 * deleted one drops out of the id query), and reading 10 000 records' JSON through their schemas
 * is most of a query's time. Two queries a load whatever the count: the ids and states, then the
 * records not kept. Live runs are never kept (Compare pools none of them).
 */
export class CompareRunCache {
  readonly #runs = new Map<string, RunRecord>();
  readonly #limit: number;

  constructor(limit = cachedRunLimit) {
    this.#limit = limit;
  }

  /** The ended runs of these sweeps and ids, oldest first. */
  load(repo: RunRepo, sweepIds: readonly string[], runIds: readonly string[]): RunRecord[] {
    const heads = repo
      .headsOf(sweepIds, runIds)
      .filter((head) => isTerminalRunState(head.state as RunState));
    const missing = heads.filter((head) => !this.#runs.has(head.id)).map((head) => head.id);
    const read = new Map(
      (missing.length > 0 ? repo.ofIds(missing) : []).map((run) => [run.id, run]),
    );
    const records = heads.flatMap((head) => this.#runs.get(head.id) ?? read.get(head.id) ?? []);
    for (const record of records) {
      // Re-inserted at the end: a Map iterates in insertion order, the first key is the least
      // recently used.
      this.#runs.delete(record.id);
      this.#runs.set(record.id, record);
    }
    while (this.#runs.size > this.#limit) this.#runs.delete(this.#runs.keys().next().value!);
    return records;
  }
}
