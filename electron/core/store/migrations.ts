/** One numbered schema change. Versions are consecutive from 1 and never edited once shipped. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration of the studio database, oldest first. Later issues append theirs. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
