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
  {
    version: 2,
    name: 'devices seen',
    sql: `
      CREATE TABLE devices (
        key TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        serialno TEXT NOT NULL,
        model TEXT,
        manufacturer TEXT,
        soc TEXT,
        android TEXT,
        emulated INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'runtime bundles',
    sql: `
      CREATE TABLE runtime_bundles (
        id INTEGER PRIMARY KEY,
        abi TEXT NOT NULL,
        dir TEXT NOT NULL,
        hash TEXT NOT NULL,
        label TEXT NOT NULL,
        added_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
