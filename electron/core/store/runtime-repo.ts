import { z } from 'zod';
import { runtimeAbiSchema, type RuntimeBundle } from '../../../shared/runtime';
import type { StudioDatabase } from './database';
import { rowsOf } from './rows';

/** What a registered bundle is stored as (the manifest is re-read from `dir` when it runs). */
export type StoredBundle = Pick<RuntimeBundle, 'abi' | 'dir' | 'hash' | 'label'>;

const bundleRowSchema = z.object({
  id: z.number(),
  abi: runtimeAbiSchema,
  dir: z.string(),
  hash: z.string(),
  label: z.string(),
  addedAt: z.number(),
});
type BundleRow = z.infer<typeof bundleRowSchema>;

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
    const rows = this.#db
      .prepare(
        `SELECT id, abi, dir, hash, label, added_at AS addedAt FROM runtime_bundles ORDER BY id`,
      )
      .all();
    return rowsOf(bundleRowSchema, rows).map(toBundle);
  }

  /** Forgets a registered bundle (its folder is left alone); false when there was none. */
  remove(id: number): boolean {
    return this.#db.prepare('DELETE FROM runtime_bundles WHERE id = ?').run(id).changes > 0;
  }
}

function toBundle(row: BundleRow): RuntimeBundle {
  return { ...row, id: String(row.id), source: 'user' };
}
