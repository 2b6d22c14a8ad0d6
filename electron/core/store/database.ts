import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations as studioMigrations, type Migration } from './migrations';

export type StudioDatabase = Database.Database;

/** Name of the database file inside the data dir. */
export const databaseFileName = 'studio.sqlite';

/**
 * Opens (creating if needed) the studio database in `dataDir` and brings it to the latest
 * migration. Each migration runs in its own transaction with `user_version` bumped inside it,
 * so a failed migration leaves the file at the previous version.
 */
export function openDatabase(
  dataDir: string,
  migrations: readonly Migration[] = studioMigrations,
): StudioDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, databaseFileName));
  try {
    db.pragma('journal_mode = WAL');
    // In WAL, NORMAL syncs at checkpoints rather than on every commit: a commit still survives
    // the studio being killed (it is in the WAL file); only an OS crash or power loss can take
    // the last commits. A live run commits a batch every ≤ 20 ms, per phone.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies every migration newer than the file's `user_version`. */
export function migrate(db: StudioDatabase, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `The database is at version ${current}, newer than this studio knows (${latest}); update the studio`,
    );
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
