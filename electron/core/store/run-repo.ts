import { hostname } from 'node:os';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type {
  RunContext,
  RunListFilter,
  RunRecord,
  RunRequest,
  RunSample,
  RunSampleKind,
} from '../../../shared/run';
import type { RunMetric, RunSummary, Statistic } from '../../../shared/run-metrics';
import type { StudioError } from '../../../shared/result';
import { isTerminalRunState, liveRunStates, type RunState } from '../../../shared/run-state';
import {
  compareRunSchema,
  compareSummarySchema,
  type CompareRun,
  type CompareSummary,
} from './compare-run-rows';
import { ComparePoolRepo } from './compare-pool-repo';
import type { StudioDatabase } from './database';
import { RunListQuery } from './run-list-query';
import {
  recordOfRow,
  rowOfSample,
  sampleOfRow,
  statRowSchema,
  statRowsOf,
  type SampleRow,
} from './run-rows';
import { prepareRunStatements, type RunStatements } from './run-statements';
import { rowsOf } from './rows';

/** Where the store stands (`RunRepo.changeMark`). */
export interface StoreMark {
  written: number;
  foreign: number;
}

/** What a run is created with; it starts `queued`, with no samples. */
export interface NewRun {
  id: string;
  request: RunRequest;
  deviceKey: string;
  /** The scenario label (`c64-s4-w256-mem`) and canonical quant spec. */
  scenario: string;
  quant: string;
  createdAt: number;
  sweepId?: string | null;
  /** The studio process running it (`runOwner()`), so another studio leaves it alone. */
  owner?: string;
}

/** How a run ended, besides its state. */
export interface RunEnding {
  error?: StudioError | null;
  endedAt?: number;
}

/** Which samples `RunRepo.samples` answers: those after index `after`, in index order. */
export interface SamplePage {
  after?: number;
  limit?: number;
  kinds?: readonly RunSampleKind[];
}

/**
 * The error of a run the studio stopped during. `cancelled`: nothing went wrong with the phone,
 * the build or the runner; the run was cut off from outside with the studio (quit, Ctrl-C, a
 * kill), like a user's cancel, and running it again is the remedy. The state is `failed`, not
 * `cancelled`, because it did not stop cleanly: no `stop()` checked the phone for a runner left
 * behind and no summary was computed.
 */
/** Who runs a run: this host and process (the CLI, a web host and Electron share one store). */
export function runOwner(): string {
  return `${hostname()}/${process.pid}`;
}

/**
 * Whether the studio process that owns a run is still there: a run of a live studio on this
 * host (another window's web host, a teammate's CLI run) is not interrupted. A run of another
 * host cannot be checked from here, so it is left alone too.
 */
export function isOwnerAlive(owner: string): boolean {
  const [host, pid] = owner.split('/');
  if (owner === '') return false;
  if (host !== hostname()) return true;
  if (!pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const interruptedError: StudioError = {
  code: 'cancelled',
  message: 'The studio stopped during this run; its samples up to then are kept',
};

/** The folder of a run's pulled files (logits, logcat) in the studio's data dir. */
export function runFilesDir(dataDir: string, id: string): string {
  // An id is a job's UUID; one that would leave the runs folder is a bug, not a folder to delete.
  if (basename(id) !== id || id === '.' || id === '..') throw new Error(`Not a run id: ${id}`);
  return join(dataDir, 'runs', id);
}

/**
 * Runs with their samples and statistics (migration 4).
 *
 * Each write is one transaction, so a SIGKILL of the studio loses at most the batch being
 * written and a run finished before it is whole. `openDatabase` puts the file in WAL mode and
 * leaves `synchronous` at SQLite's default, FULL: a commit returns only once its frames are in
 * the WAL file and fsynced, so it outlives the process (and even a power cut); a transaction cut
 * off mid-way has no commit frame and is dropped on the next open, never half-applied.
 */
export class RunRepo {
  readonly #db: StudioDatabase;
  readonly #statements: RunStatements;
  readonly #list: RunListQuery;
  readonly #dataDir: string | null;
  readonly #append: (id: string, rows: readonly SampleRow[]) => void;

  /** What sets of ended runs pool to in Compare (cleared when a run is deleted). */
  readonly pools: ComparePoolRepo;

  /** `dataDir`: where `delete` finds each run's files folder (`runFilesDir`); none, no folders. */
  constructor(db: StudioDatabase, dataDir: string | null = null) {
    this.#db = db;
    this.pools = new ComparePoolRepo(db);
    this.#statements = prepareRunStatements(db);
    this.#list = new RunListQuery(db);
    this.#dataDir = dataDir;
    const { insertSample, countSamples } = this.#statements;
    this.#append = db.transaction((id: string, rows: readonly SampleRow[]) => {
      for (const row of rows) insertSample.run({ runId: id, ...row });
      countSamples.run(rows.length, id);
    });
  }

  /** Keeps a new run, `queued`; answers its record. An id already kept throws (a bug). */
  create(run: NewRun): RunRecord {
    this.#statements.insertRun.run({
      ...run,
      model: run.request.model,
      request: JSON.stringify(run.request),
      sweepId: run.sweepId ?? null,
      owner: run.owner ?? runOwner(),
    });
    return this.#must(run.id);
  }

  /** Moves a run to `state` (an error or end time given is kept); false when there is no run. */
  setState(id: string, state: RunState, ending: RunEnding = {}): boolean {
    const error = ending.error ? JSON.stringify(ending.error) : null;
    const params = { id, state, error, endedAt: ending.endedAt ?? null };
    return this.#statements.setState.run(params).changes > 0;
  }

  /** Keeps the run context captured at its start; false when there is no run. */
  setContext(id: string, context: RunContext): boolean {
    return this.#statements.setContext.run(JSON.stringify(context), id).changes > 0;
  }

  /**
   * Appends a batch of samples and bumps the run's count, in one transaction: after a crash the
   * batch is all there or not at all. A sample index already kept, or an unknown run, throws (a bug).
   */
  appendSamples(id: string, samples: readonly RunSample[]): void {
    this.#append(id, samples.map(rowOfSample));
  }

  /** Ends a run: its state, summary, error, end time and `run_stats` rows in one transaction. */
  finish(id: string, state: RunState, summary: RunSummary | null, ending: RunEnding): boolean {
    if (!isTerminalRunState(state)) throw new Error(`A run cannot finish ${state}`);
    return this.#db.transaction(() => {
      const changed = this.#statements.finish.run({
        id,
        state,
        summary: summary === null ? null : JSON.stringify(summary),
        error: ending.error ? JSON.stringify(ending.error) : null,
        endedAt: ending.endedAt ?? Date.now(),
      }).changes;
      this.#statements.deleteStats.run(id);
      for (const stat of summary === null ? [] : statRowsOf(summary)) {
        this.#statements.insertStat.run({ runId: id, ...stat });
      }
      return changed > 0;
    })();
  }

  /** The run, or null when there is none or its row cannot be read. */
  get(id: string): RunRecord | null {
    return recordOfRow(this.#statements.get.get(id) ?? null);
  }

  /** The runs the filter keeps, newest first; a row this studio cannot read is left out. */
  list(filter: RunListFilter): RunRecord[] {
    return this.#list.rows(filter).flatMap((row) => recordOfRow(row) ?? []);
  }

  /**
   * The ended runs of these sweeps and ids as Compare reads them, oldest first: one narrow
   * query of `compare_runs`; a run `known` already answers is not parsed again, and a row this
   * studio cannot read is left out.
   */
  compareRuns(
    sweepIds: readonly string[],
    runIds: readonly string[],
    known: (id: string) => CompareRun | undefined = () => undefined,
  ): CompareRun[] {
    const rows = this.#statements.compareRuns.all({
      sweepIds: JSON.stringify(sweepIds),
      runIds: JSON.stringify(runIds),
    });
    return rows.flatMap((row) => known(row.id) ?? rowsOf(compareRunSchema, [row]));
  }

  /**
   * Where the store stands: `written` moves with every row this connection writes (SQLite's
   * total_changes), `foreign` with every commit of another connection (data_version). Equal
   * marks mean nothing was written between them.
   */
  changeMark(): StoreMark {
    return {
      written: this.#statements.totalChanges.get() as number,
      foreign: this.#db.pragma('data_version', { simple: true }) as number,
    };
  }

  /** The summaries of these ids (runs with none are left out), in no set order. */
  compareSummaries(ids: readonly string[]): CompareSummary[] {
    return rowsOf(compareSummarySchema, this.#statements.compareSummaries.all(JSON.stringify(ids)));
  }

  /** The samples after index `after` (default: from the first), in index order. */
  samples(id: string, page: SamplePage = {}): RunSample[] {
    const rows = this.#statements.samples.all({
      runId: id,
      after: page.after ?? -1,
      limit: page.limit ?? 10_000,
      kinds: page.kinds === undefined ? null : JSON.stringify(page.kinds),
    }) as SampleRow[];
    return rows.flatMap((row) => sampleOfRow(row) ?? []);
  }

  /** The statistics `finish` kept, read from `run_stats` (no summary JSON parsed). */
  stats(id: string): Partial<Record<RunMetric, Statistic>> {
    const rows = rowsOf(statRowSchema, this.#statements.selectStats.all(id));
    return Object.fromEntries(rows.map(({ metric, ...stat }) => [metric, stat]));
  }

  /**
   * Deletes a run, its samples and statistics in one transaction, then its files folder (after
   * the rows: a folder left by a crash in between is an orphan, never a run without its files).
   */
  delete(id: string): boolean {
    const deleted = this.#db.transaction(() => {
      this.#statements.deleteStats.run(id);
      this.#statements.deleteSamples.run(id);
      // Compare's pools are keyed by a hash of their run ids: which held this run is not known.
      this.#statements.clearComparePools.run();
      return this.#statements.deleteRun.run(id).changes > 0;
    })();
    if (this.#dataDir !== null) {
      rmSync(runFilesDir(this.#dataDir, id), { recursive: true, force: true });
    }
    return deleted;
  }

  /**
   * The runs left live (queued … stopping) by a studio that stopped become `failed` with
   * `interruptedError`, ended `now` (when this studio noticed): at start-up, and before runs are
   * listed or read (a teammate's CLI may die while this studio runs). Their samples are kept.
   * Answers how many.
   */
  markInterrupted(now = Date.now(), ownerAlive: (owner: string) => boolean = isOwnerAlive): number {
    const states = JSON.stringify(liveRunStates);
    const orphans = this.#statements.liveRuns.all(states).filter((run) => !ownerAlive(run.owner));
    if (orphans.length === 0) return 0;
    const error = JSON.stringify(interruptedError);
    this.#db.transaction(() => {
      for (const { id } of orphans) this.#statements.interrupt.run({ id, error, now });
    })();
    return orphans.length;
  }

  #must(id: string): RunRecord {
    const record = this.get(id);
    if (record === null) throw new Error(`Run ${id} was written but cannot be read back`);
    return record;
  }
}
