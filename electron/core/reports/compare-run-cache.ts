import type { CompareRun } from '../store/compare-run-rows';
import { isTerminalRunState, type RunState } from '../../../shared/run-state';
import type { RunRepo } from '../store/run-repo';
import { poolRuns, type MeasuredRun, type PooledFigures } from './compare-pool';

/** Ended runs kept parsed (10 000 runs of a 4 096-token KL each are ~330 MB at worst). */
export const cachedRunLimit = 20_000;

/**
 * The ended runs Compare has read, kept parsed: an ended run's record no longer changes (a
 * deleted one drops out of the id query), and reading 10 000 runs' JSON through their schemas is
 * most of a query's time. Two queries a load whatever the count: the ids and states, then the
 * records not kept. Live runs are never kept (Compare pools none of them). What the runs pool
 * to is kept too (`pool`), so the same query again only groups.
 */
export class CompareRunCache {
  readonly #runs = new Map<string, CompareRun>();
  /** Figures pooled over a set of ended runs, by their ids: the same runs pool the same. */
  readonly #pooled = new Map<string, PooledFigures>();
  readonly #limit: number;

  constructor(limit = cachedRunLimit) {
    this.#limit = limit;
  }

  /** The ended runs of these sweeps and ids, oldest first. */
  load(repo: RunRepo, sweepIds: readonly string[], runIds: readonly string[]): CompareRun[] {
    const heads = repo
      .headsOf(sweepIds, runIds)
      .filter((head) => isTerminalRunState(head.state as RunState));
    const missing = heads.filter((head) => !this.#runs.has(head.id)).map((head) => head.id);
    const read = new Map(
      (missing.length > 0 ? repo.compareRows(missing) : []).map((run) => [run.id, run]),
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

  /** `poolRuns` of these runs, computed once while they stay kept. */
  pool(runs: readonly MeasuredRun[]): PooledFigures {
    const key = runs.map((run) => run.id).join('\n');
    let figures = this.#pooled.get(key);
    if (figures === undefined) {
      figures = poolRuns(runs);
      // Bounded like the runs; a pooling of a run since dropped is never asked for again.
      if (this.#pooled.size >= this.#limit) this.#pooled.clear();
      this.#pooled.set(key, figures);
    }
    return figures;
  }
}
