import type { Statement } from 'better-sqlite3';
import type { RunListFilter } from '../../../shared/run';
import type { StudioDatabase } from './database';
import { runColumns } from './run-rows';

const filterColumns = {
  device: 'device_key',
  model: 'model',
  scenario: 'scenario',
  quant: 'quant',
  state: 'state',
  sweepId: 'sweep_id',
} as const;
type FilterKey = keyof typeof filterColumns;
const filterKeys = Object.keys(filterColumns) as FilterKey[];

/**
 * The `run:list` query of a filter, one prepared statement per set of filters used (at most 64).
 * Only the filters given are in the WHERE clause, so SQLite can pick the index of each; a
 * catch-all `(@x IS NULL OR col = @x)` would make it scan.
 */
export class RunListQuery {
  readonly #db: StudioDatabase;
  readonly #statements = new Map<string, Statement>();

  constructor(db: StudioDatabase) {
    this.#db = db;
  }

  /** The rows of the runs the filter keeps, newest first. */
  rows(filter: RunListFilter): unknown[] {
    const used = filterKeys.filter((key) => filter[key] !== undefined);
    const params = Object.fromEntries(used.map((key) => [key, filter[key]]));
    return this.#statement(used).all({ ...params, limit: filter.limit });
  }

  #statement(used: readonly FilterKey[]): Statement {
    const key = used.join(',');
    let statement = this.#statements.get(key);
    if (statement === undefined) {
      const where = used.map((filter) => `${filterColumns[filter]} = @${filter}`);
      statement = this.#db.prepare(
        `SELECT ${runColumns} FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
      );
      this.#statements.set(key, statement);
    }
    return statement;
  }
}
