/** One numbered schema change. Versions are consecutive from 1 and never edited once shipped. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The run states a run ends in (shared/run-state.ts), as SQL. */
const endedStates = `('finished', 'failed', 'cancelled')`;

/** A run's row of `compare_runs`, selected from `source` (runs, or a trigger's NEW). */
function compareRunOf(source: string): string {
  const request = (path: string) => `json_extract(${source}.request, '$.${path}')`;
  return `SELECT ${source}.id, ${source}.rowid, ${source}.created_at, ${source}.sweep_id,
    ${source}.state, ${source}.device_key, ${request('model')}, ${request('scenario.chunk')},
    ${request('scenario.sink')}, ${request('scenario.window')}, ${request('scenario.memory')},
    ${request('quant')}, ${request('ep')}, ${request('threads')},
    ${source}.summary IS NOT NULL, json_extract(${source}.error, '$.message'),
    json_extract(${source}.context, '$.model'), json_extract(${source}.context, '$.abi'),
    json_extract(${source}.context, '$.emulated') FROM runs AS ${source}`;
}

/**
 * A run enters `compare_runs` when it ends (inserted ended, or updated to an ended state), is
 * written again when what Compare reads of it changes, and leaves it when it is live again (a
 * resumed sweep's) or deleted. A batch of samples (the samples count) touches nothing.
 */
const compareRunsTriggers = `
  CREATE TRIGGER compare_runs_on_insert AFTER INSERT ON runs
  WHEN NEW.state IN ${endedStates} BEGIN
    INSERT OR REPLACE INTO compare_runs ${compareRunOf('ended')} WHERE ended.id = NEW.id;
  END;
  CREATE TRIGGER compare_runs_on_update
  AFTER UPDATE OF state, request, context, summary, error, sweep_id, device_key ON runs BEGIN
    DELETE FROM compare_runs
      WHERE id = NEW.id AND NEW.state NOT IN ${endedStates};
    INSERT OR REPLACE INTO compare_runs ${compareRunOf('ended')}
      WHERE ended.id = NEW.id AND ended.state IN ${endedStates};
  END;
  CREATE TRIGGER compare_runs_on_delete AFTER DELETE ON runs BEGIN
    DELETE FROM compare_runs WHERE id = OLD.id;
  END;`;

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
  {
    version: 4,
    name: 'runs, their samples and statistics',
    // Samples and statistics go with their run (cascade, and RunRepo.delete deletes them
    // explicitly too). The indexes serve run:list's filters, each newest first.
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        device_key TEXT NOT NULL,
        model TEXT NOT NULL,
        scenario TEXT NOT NULL,
        quant TEXT NOT NULL,
        request TEXT NOT NULL CHECK (json_valid(request)),
        context TEXT CHECK (context IS NULL OR json_valid(context)),
        summary TEXT CHECK (summary IS NULL OR json_valid(summary)),
        error TEXT CHECK (error IS NULL OR json_valid(error)),
        created_at INTEGER NOT NULL,
        ended_at INTEGER,
        sweep_id TEXT,
        samples INTEGER NOT NULL DEFAULT 0,
        owner TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX runs_by_created ON runs (created_at);
      CREATE INDEX runs_by_device ON runs (device_key, created_at);
      CREATE INDEX runs_by_model ON runs (model, created_at);
      CREATE INDEX runs_by_scenario ON runs (scenario, quant, created_at);
      CREATE INDEX runs_by_quant ON runs (quant, created_at);
      CREATE INDEX runs_by_state ON runs (state, created_at);
      CREATE INDEX runs_by_sweep ON runs (sweep_id, created_at) WHERE sweep_id IS NOT NULL;
      CREATE TABLE run_samples (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        i INTEGER NOT NULL,
        t REAL NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (run_id, i)
      ) STRICT;
      CREATE TABLE run_stats (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        n INTEGER NOT NULL,
        median REAL NOT NULL,
        p90 REAL NOT NULL,
        mean REAL NOT NULL,
        sd REAL NOT NULL,
        ci_low REAL NOT NULL,
        ci_high REAL NOT NULL,
        PRIMARY KEY (run_id, metric)
      ) STRICT;
      CREATE INDEX run_stats_by_metric ON run_stats (metric);
    `,
  },
  {
    version: 5,
    name: 'sweeps and their points',
    // A point is one grid point planned on one phone; its runs stay in `runs` (sweep_id), so a
    // deleted run leaves the point's run ids dangling rather than the point gone.
    sql: `
      CREATE TABLE sweeps (
        id TEXT PRIMARY KEY,
        profile_name TEXT NOT NULL,
        profile TEXT NOT NULL CHECK (json_valid(profile)),
        state TEXT NOT NULL,
        error TEXT CHECK (error IS NULL OR json_valid(error)),
        concurrency INTEGER,
        concurrency_note TEXT,
        created_at INTEGER NOT NULL,
        ended_at INTEGER,
        owner TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX sweeps_by_created ON sweeps (created_at);
      CREATE TABLE sweep_points (
        sweep_id TEXT NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
        point_key TEXT NOT NULL,
        planned_device TEXT NOT NULL,
        device_key TEXT NOT NULL,
        request TEXT NOT NULL CHECK (json_valid(request)),
        status TEXT NOT NULL,
        reason TEXT,
        run_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(run_ids)),
        attempts INTEGER NOT NULL DEFAULT 0,
        ord INTEGER NOT NULL,
        PRIMARY KEY (sweep_id, point_key, planned_device)
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'compare pools',
    // What a set of ended runs pools to (Compare's configurations), keyed by a hash of the run
    // ids: ended runs never change, so a key's figures never go stale; a deleted run clears them.
    sql: `
      CREATE TABLE compare_pools (
        key TEXT PRIMARY KEY,
        figures TEXT NOT NULL CHECK (json_valid(figures)),
        test_values TEXT NOT NULL CHECK (json_valid(test_values))
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: 'compare runs',
    // Every ended run as Compare groups it, in narrow columns kept by triggers in the same
    // statement as the run's row: Compare's first query of a studio read 10 000 wide rows and
    // took the axes out of each one's request JSON. Untyped columns: a request a trigger cannot
    // take apart still ends its run, and Compare's schema leaves that row out when it reads it.
    sql: `
      CREATE TABLE compare_runs (
        id TEXT PRIMARY KEY,
        run_rowid INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        sweep_id TEXT,
        state TEXT NOT NULL,
        device_key TEXT NOT NULL,
        model, chunk, sink, window_size, memory, quant, ep, threads,
        measured INTEGER NOT NULL,
        error_message, phone_model, abi, emulated
      );
      CREATE INDEX compare_runs_by_sweep ON compare_runs (sweep_id, created_at, run_rowid);
      ${compareRunsTriggers}
      INSERT INTO compare_runs ${compareRunOf('runs')}
        WHERE runs.state IN ${endedStates};
    `,
  },
];
