import type { StudioDatabase } from './database';

/** What a set of ended runs pools to, as JSON text: the figures, and the significance tests' values. */
export interface StoredPool {
  figures: string;
  testValues: string;
}

/**
 * Compare's pools (migration 6): the figures a set of ended runs pools to, by a key the caller
 * makes of the run ids. Kept as JSON text; the caller parses and checks what it reads.
 */
export class ComparePoolRepo {
  readonly #figures;
  readonly #testValues;
  readonly #put;

  constructor(db: StudioDatabase) {
    this.#figures = db.prepare<[string], { key: string; figures: string }>(
      'SELECT key, figures FROM compare_pools WHERE key IN (SELECT value FROM json_each(?))',
    );
    this.#testValues = db.prepare<[string], { test_values: string }>(
      'SELECT test_values FROM compare_pools WHERE key = ?',
    );
    const insert = db.prepare<[string, string, string]>(
      'INSERT OR REPLACE INTO compare_pools (key, figures, test_values) VALUES (?, ?, ?)',
    );
    this.#put = db.transaction((pools: ReadonlyMap<string, StoredPool>) => {
      for (const [key, pool] of pools) insert.run(key, pool.figures, pool.testValues);
    });
  }

  /** The figures stored under these keys, by key (keys with none are absent). */
  figures(keys: readonly string[]): Map<string, string> {
    const rows = keys.length === 0 ? [] : this.#figures.all(JSON.stringify(keys));
    return new Map(rows.map((row) => [row.key, row.figures]));
  }

  /** The test values stored under this key, or null. */
  testValues(key: string): string | null {
    return this.#testValues.get(key)?.test_values ?? null;
  }

  /** Stores these pools in one transaction (replacing any under the same key). */
  put(pools: ReadonlyMap<string, StoredPool>): void {
    if (pools.size > 0) this.#put(pools);
  }
}
