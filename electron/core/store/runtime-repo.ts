import type { RuntimeBundle } from '../../../shared/runtime';
import type { StudioDatabase } from './database';

/** What a registered bundle is stored as (the manifest is re-read from `dir` when it runs). */
export type StoredBundle = Pick<RuntimeBundle, 'abi' | 'dir' | 'hash' | 'label'>;

interface BundleRow {
  id: number;
  abi: RuntimeBundle['abi'];
  dir: string;
  hash: string;
  label: string;
  addedAt: number;
}

/** The runtime bundles users registered, one row each; the built ones are not stored. */
export class RuntimeRepo {
  readonly #db: StudioDatabase;

  constructor(db: StudioDatabase) {
    this.#db = db;
  }

  add(bundle: StoredBundle, now = Date.now()): RuntimeBundle {
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO runtime_bundles (abi, dir, hash, label, added_at)
         VALUES (@abi, @dir, @hash, @label, @now)`,
      )
      .run({ ...bundle, now });
    return toBundle({ ...bundle, id: Number(lastInsertRowid), addedAt: now });
  }

  list(): RuntimeBundle[] {
    return this.#db
      .prepare(
        `SELECT id, abi, dir, hash, label, added_at AS addedAt FROM runtime_bundles ORDER BY id`,
      )
      .all()
      .map((row) => toBundle(row as BundleRow));
  }

  /** Forgets a registered bundle (its folder is left alone); false when there was none. */
  remove(id: number): boolean {
    return this.#db.prepare('DELETE FROM runtime_bundles WHERE id = ?').run(id).changes > 0;
  }
}

function toBundle(row: BundleRow): RuntimeBundle {
  return { ...row, id: String(row.id), source: 'user' };
}
