import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  pooledFiguresSchema,
  testValuesSchema,
  type PooledFigures,
  type TestValues,
} from '../../../shared/compare';
import type { RunSummary } from '../../../shared/run-metrics';
import type { StoredPool } from '../store/compare-pool-repo';
import type { CompareRun } from '../store/compare-run-rows';
import type { RunRepo } from '../store/run-repo';
import { poolRuns, poolTestValues } from './compare-pool';

/** Ended runs kept as Compare groups them (a few hundred bytes each, no summary). */
export const cachedRunLimit = 50_000;
/** Pooled figures kept parsed, besides the store's. */
export const cachedPoolLimit = 20_000;

/**
 * Bumped when what a pool holds changes: pools stored by an older studio are then not read (2:
 * chunk metrics pooled per repetition).
 */
const poolFormat = 2;

/** The store's key of what these runs pool to: ended runs never change, so neither does it. */
export function poolKey(runs: readonly Pick<CompareRun, 'id'>[]): string {
  const hash = createHash('sha256');
  for (const run of runs) hash.update(`${run.id}\n`);
  return `${poolFormat}:${hash.digest('base64url')}`;
}

/**
 * What Compare reads of the store, kept: the ended runs as it groups them (an ended run no
 * longer changes; a deleted one drops out of the query) and what sets of them pool to. A pool
 * is computed once, from the runs' summaries, and stored (`RunRepo.pools`), so a later query (in this studio
 * or the next) reads a few hundred bytes per configuration rather than every run's summary.
 * Live runs are never kept (Compare pools none of them).
 */
export class CompareRunCache {
  readonly #repo: RunRepo;
  readonly #runs = new Map<string, CompareRun>();
  readonly #pooled = new Map<string, PooledFigures>();
  readonly #limit: number;

  constructor(repo: RunRepo, limit = cachedRunLimit) {
    this.#repo = repo;
    this.#limit = limit;
  }

  /** The ended runs of these sweeps and ids, oldest first. */
  load(sweepIds: readonly string[], runIds: readonly string[]): CompareRun[] {
    const records = this.#repo.compareRuns(sweepIds, runIds, (id) => this.#runs.get(id));
    for (const record of records) {
      // Re-inserted at the end: a Map iterates in insertion order, the first key is the least
      // recently used.
      this.#runs.delete(record.id);
      this.#runs.set(record.id, record);
    }
    trim(this.#runs, this.#limit);
    return records;
  }

  /** What each set of runs pools to (`poolRuns`): kept, else stored, else computed and stored. */
  pools(groups: readonly (readonly CompareRun[])[]): PooledFigures[] {
    const keys = groups.map(poolKey);
    const unknown = keys.filter((key) => !this.#pooled.has(key));
    for (const [key, text] of this.#repo.pools.figures(unknown)) {
      const figures = parsed(pooledFiguresSchema, text);
      if (figures !== null) this.#pooled.set(key, figures);
    }
    const computed = new Map<string, StoredPool>();
    const toCompute = groups.flatMap((_, k) => (this.#pooled.has(keys[k]!) ? [] : [k]));
    const summaries = this.#summaries(toCompute.flatMap((k) => groups[k]!));
    for (const k of toCompute) {
      const own = groups[k]!.flatMap((run) => summaries.get(run.id) ?? []);
      const figures = poolRuns(own);
      this.#pooled.set(keys[k]!, figures);
      computed.set(keys[k]!, {
        figures: JSON.stringify(figures),
        testValues: JSON.stringify(poolTestValues(own)),
      });
    }
    this.#repo.pools.put(computed);
    const answer = keys.map((key) => this.#pooled.get(key)!);
    trim(this.#pooled, cachedPoolLimit);
    return answer;
  }

  /** The significance tests' values of a set of runs: stored with its pool, else computed. */
  testValues(runs: readonly CompareRun[]): TestValues {
    const stored = this.#repo.pools.testValues(poolKey(runs));
    const values = stored === null ? null : parsed(testValuesSchema, stored);
    if (values !== null) return values;
    const summaries = this.#summaries(runs);
    return poolTestValues(runs.flatMap((run) => summaries.get(run.id) ?? []));
  }

  #summaries(runs: readonly CompareRun[]): Map<string, RunSummary> {
    if (runs.length === 0) return new Map();
    const rows = this.#repo.compareSummaries(runs.map((run) => run.id));
    return new Map(rows.map((row) => [row.id, row.summary]));
  }
}

/** Stored JSON read through its schema; null when it is not (an older or damaged row). */
function parsed<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** Drops the least recently used entries past `limit` (re-insert a key to mark it used). */
export function trim(map: Map<string, unknown>, limit: number): void {
  while (map.size > limit) map.delete(map.keys().next().value!);
}
