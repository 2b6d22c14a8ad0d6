import type { Profile } from '../../../shared/profile';
import type { StudioError } from '../../../shared/result';
import { liveRunStates, type RunState } from '../../../shared/run-state';
import {
  countPerPhone,
  countPoints,
  sweepInterruptedError,
  type SweepPoint,
  type SweepPointStatus,
  type SweepRecord,
} from '../../../shared/sweep';
import type { StudioDatabase } from './database';
import { rowsOf } from './rows';
import { isOwnerAlive, runOwner } from './run-repo';
import { pointRowSchema, sweepRowSchema, type SweepRow } from './sweep-rows';

/** What a sweep is created with: it starts `queued`, its points all in one transaction. */
export interface NewSweep {
  id: string;
  profile: Profile;
  createdAt: number;
  concurrency: number | null;
  concurrencyNote: string | null;
  points: readonly SweepPoint[];
  owner?: string;
}

/** A sweep as stored, with the studio process that runs it. */
export type StoredSweep = SweepRecord & { owner: string };

/** The fields of a point a change may set. */
export type PointChange = Partial<
  Pick<SweepPoint, 'status' | 'reason' | 'deviceKey' | 'request' | 'runIds' | 'attempts'>
>;

/**
 * Sweeps and their points (migration 5). Every write is one transaction and every row read back
 * is parsed with its schema, so a sweep killed mid-write is whole as of its last change.
 */
export class SweepRepo {
  readonly #db: StudioDatabase;
  // Read before every list and get (`markInterrupted`): prepared once.
  readonly #liveSweeps;
  readonly #interrupt;

  constructor(db: StudioDatabase) {
    this.#db = db;
    this.#liveSweeps = db.prepare<[string], { id: string; owner: string }>(
      'SELECT id, owner FROM sweeps WHERE state IN (SELECT value FROM json_each(?))',
    );
    // Only while still the dead owner's and live: a studio may have resumed it meanwhile.
    this.#interrupt = db.prepare(
      `UPDATE sweeps SET state = 'failed', error = @error, ended_at = @now
       WHERE id = @id AND owner = @owner AND state IN (SELECT value FROM json_each(@states))`,
    );
  }

  /** Keeps a new sweep with its points; answers its record. */
  create(sweep: NewSweep): StoredSweep {
    const insertSweep = this.#db.prepare(
      `INSERT INTO sweeps (id, profile_name, profile, state, concurrency, concurrency_note, created_at, owner)
       VALUES (@id, @name, @profile, 'queued', @concurrency, @concurrencyNote, @createdAt, @owner)`,
    );
    this.#db.transaction(() => {
      insertSweep.run({
        ...sweep,
        name: sweep.profile.name,
        profile: JSON.stringify(sweep.profile),
        owner: sweep.owner ?? runOwner(),
      });
      this.#insertPoints(sweep.points);
    })();
    return this.get(sweep.id)!;
  }

  /** Moves a sweep to `state`; false when there is none. */
  setState(
    id: string,
    state: RunState,
    ending: { error?: StudioError | null; endedAt?: number | null } = {},
  ): boolean {
    const statement = this.#db.prepare(
      `UPDATE sweeps SET state = ?, error = ?, ended_at = ? WHERE id = ?`,
    );
    const error = ending.error ? JSON.stringify(ending.error) : null;
    return statement.run(state, error, ending.endedAt ?? null, id).changes > 0;
  }

  /** Takes a sweep over for this process (a resume) with its concurrency now. */
  claim(id: string, concurrency: number | null, note: string | null): boolean {
    const statement = this.#db.prepare(
      `UPDATE sweeps SET owner = ?, concurrency = ?, concurrency_note = ?, ended_at = NULL, error = NULL
       WHERE id = ?`,
    );
    return statement.run(runOwner(), concurrency, note, id).changes > 0;
  }

  /**
   * The sweeps left live (queued … stopping) by a studio that stopped (the same owner rule as
   * runs: `isOwnerAlive`) become `failed` with `sweepInterruptedError`, ended `now`: at start-up,
   * and before sweeps are listed or read. Their points are left as they are: a resume ends what
   * their `running` points' dead runs left on the phones, keeps the finished ones and runs the
   * rest. Answers how many.
   */
  markInterrupted(now = Date.now(), ownerAlive: (owner: string) => boolean = isOwnerAlive): number {
    const states = JSON.stringify(liveRunStates);
    const orphans = this.#liveSweeps.all(states).filter((sweep) => !ownerAlive(sweep.owner));
    if (orphans.length === 0) return 0;
    const error = JSON.stringify(sweepInterruptedError);
    return this.#db.transaction(() =>
      orphans.reduce(
        (count, { id, owner }) =>
          count + this.#interrupt.run({ id, owner, states, error, now }).changes,
        0,
      ),
    )();
  }

  /** Adds the points a sweep planned once its graphs were built (in the order given). */
  addPoints(points: readonly SweepPoint[]): void {
    this.#db.transaction(() => this.#insertPoints(points))();
  }

  /** Changes one point; false when there is none. */
  updatePoint(
    point: Pick<SweepPoint, 'sweepId' | 'pointKey' | 'plannedDevice'>,
    change: PointChange,
  ): boolean {
    const current = this.points(point.sweepId).find(
      (each) => each.pointKey === point.pointKey && each.plannedDevice === point.plannedDevice,
    );
    if (!current) return false;
    const next = { ...current, ...change };
    const statement = this.#db.prepare(
      `UPDATE sweep_points SET device_key = @deviceKey, request = @request, status = @status,
         reason = @reason, run_ids = @runIds, attempts = @attempts
       WHERE sweep_id = @sweepId AND point_key = @pointKey AND planned_device = @plannedDevice`,
    );
    return (
      statement.run({
        ...next,
        request: JSON.stringify(next.request),
        runIds: JSON.stringify(next.runIds),
      }).changes > 0
    );
  }

  get(id: string): StoredSweep | null {
    const row = this.#db.prepare('SELECT * FROM sweeps WHERE id = ?').get(id);
    const [sweep] = rowsOf(sweepRowSchema, row === undefined ? [] : [row]);
    return sweep ? this.#withCounts(sweep) : null;
  }

  /** Every sweep, newest first. */
  list(limit = 200): StoredSweep[] {
    const rows = this.#db
      .prepare('SELECT * FROM sweeps ORDER BY created_at DESC, id LIMIT ?')
      .all(limit);
    return rowsOf(sweepRowSchema, rows).map((sweep) => this.#withCounts(sweep));
  }

  /** A sweep's points in planned order. */
  points(id: string): SweepPoint[] {
    const rows = this.#db
      .prepare('SELECT * FROM sweep_points WHERE sweep_id = ? ORDER BY ord')
      .all(id);
    return rowsOf(pointRowSchema, rows);
  }

  /** A sweep's profile as it ran, without reading its points; null when there is no sweep. */
  profileOf(id: string): Profile | null {
    const row = this.#db.prepare('SELECT * FROM sweeps WHERE id = ?').get(id);
    const [sweep] = rowsOf(sweepRowSchema, row === undefined ? [] : [row]);
    return sweep?.profile ?? null;
  }

  /**
   * The points of these sweeps with one of `statuses` (all when none given), sweep by sweep in
   * the order given, each in planned order: one query.
   */
  pointsOf(ids: readonly string[], statuses: readonly SweepPointStatus[] = []): SweepPoint[] {
    const rows = this.#db
      .prepare(
        `SELECT sweep_points.* FROM json_each(@ids) AS picked
         JOIN sweep_points ON sweep_points.sweep_id = picked.value
         WHERE @statuses = '[]' OR status IN (SELECT value FROM json_each(@statuses))
         ORDER BY picked.key, sweep_points.ord`,
      )
      .all({ ids: JSON.stringify(ids), statuses: JSON.stringify(statuses) });
    return rowsOf(pointRowSchema, rows);
  }

  #insertPoints(points: readonly SweepPoint[]): void {
    const insert = this.#db.prepare(
      `INSERT INTO sweep_points (sweep_id, point_key, planned_device, device_key, request, status, reason, run_ids, attempts, ord)
       VALUES (@sweepId, @pointKey, @plannedDevice, @deviceKey, @request, @status, @reason, @runIds, @attempts, @ord)`,
    );
    // Each point goes after those already kept (a sweep plans its points in one go, or in parts).
    const count = this.#db.prepare('SELECT COUNT(*) FROM sweep_points WHERE sweep_id = ?').pluck();
    for (const point of points) {
      insert.run({
        ...point,
        request: JSON.stringify(point.request),
        runIds: JSON.stringify(point.runIds),
        ord: count.get(point.sweepId) as number,
      });
    }
  }

  #withCounts(sweep: SweepRow): StoredSweep {
    const points = this.points(sweep.id);
    return { ...sweep, counts: countPoints(points), perPhone: countPerPhone(points) };
  }
}
