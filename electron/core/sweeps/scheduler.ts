import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { StudioEventBus } from '../../../shared/event-bus';
import type { JobSnapshot } from '../../../shared/job';
import type { Profile } from '../../../shared/profile';
import { fail, ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import { isTerminalRunState, type RunState } from '../../../shared/run-state';
import { farmConcurrency } from '../../../shared/sweep-pace';
import {
  countPerPhone,
  countPoints,
  type SweepCounts,
  type SweepDetails,
  type SweepPoint,
  type SweepRecord,
} from '../../../shared/sweep';
import type { JobContext } from '../jobs/job-session';
import type { JobRegistry } from '../jobs/job-registry';
import { isOwnerAlive, runOwner } from '../store/run-repo';
import type { StoredSweep, SweepRepo } from '../store/sweep-repo';
import type { Footprint } from './feasibility';
import { expandGrid } from './grid';
import { selectPhones, type SweepPhone } from './phone-selection';
import { runSweepLoop, type RunStarter } from './sweep-loop';
import { buildByGraph } from './plan-by-graph';
import { buildKeyOf, fitsPhone, planPending, planSkipped } from './sweep-plan';
import { recheckPending, reopenPoints } from './sweep-reopen';

/** What the scheduler works with (the studio's, or fakes in tests). */
export interface SweepServiceDeps {
  repo: SweepRepo;
  jobs: JobRegistry;
  events: StudioEventBus;
  runs: RunStarter;
  /** The farm's ready phones with their details. */
  phones(): Promise<SweepPhone[]>;
  /** Builds a request's graphs (cached) and answers what they need resident. */
  footprint(request: Omit<RunRequest, 'device'>, signal: AbortSignal): Promise<Result<Footprint>>;
  /** The stored state of a run (a resume keeps a point whose run finished). */
  runState(runId: string): RunState | null;
  /** Before a resume: ends what the sweep's dead runs left on their phones; what it did. */
  cleanUp(points: readonly SweepPoint[]): Promise<string[]>;
  /** Who holds a phone's lease now, or null when free (a refused phone's wait reads it). */
  leaseHolder?(deviceKey: string): Promise<string | null>;
  /** Host cores for emulated phones (default: `os.availableParallelism()`). */
  cores?: number;
  /** After a sweep ended (finished, failed or cancelled), its state stored. */
  onDidEnd?(sweepId: string): void;
}

/** A stored sweep as the contract shows it (its owner process is the store's business). */
function withoutOwner(stored: StoredSweep): SweepRecord {
  const sweep: Partial<StoredSweep> = { ...stored };
  delete sweep.owner;
  return sweep as SweepRecord;
}

/** A sweep's points, planned and kept, ready to run. */
interface Planned {
  points: SweepPoint[];
  /** The phones a new sweep planned on, its graphs still to build; null for a resume. */
  phones: SweepPhone[] | null;
}

/**
 * Sweeps as jobs of jobs: a `sweep` job plans the grid on the selected phones graph by graph
 * (each distinct graph built once, before any run of it, to rule out points that cannot fit)
 * and runs each graph's points through the run service while the next graphs build. The sweep
 * and every point are in the store as they change, so a sweep whose studio died is resumed from
 * there; such sweeps are marked interrupted when the service starts.
 */
export class SweepService {
  readonly #deps: SweepServiceDeps;
  /** Live sweeps of this studio: sweep id → job id, and back. */
  readonly #jobOf = new Map<string, string>();
  readonly #sweepOf = new Map<string, string>();

  /** Marks the sweeps a stopped studio left live as interrupted (resumable), as runs are. */
  constructor(deps: SweepServiceDeps) {
    this.#deps = deps;
    deps.repo.markInterrupted();
  }

  /** Starts a sweep of `profile`; its id comes back at once. */
  start(profile: Profile): Result<{ sweepId: string }> {
    const id = randomUUID();
    this.#deps.repo.create({
      id,
      profile,
      createdAt: Date.now(),
      concurrency: null,
      concurrencyNote: null,
      points: [],
    });
    return this.#launch(id, () => this.#plan(id, profile));
  }

  /**
   * Continues a sweep whose studio stopped (or that was stopped): the runners its dead runs left
   * are ended first; points whose run finished keep it, interrupted and cancelled ones run again.
   */
  resume(sweepId: string): Result<{ sweepId: string }> {
    const sweep = this.#deps.repo.get(sweepId);
    if (!sweep) return fail('not-found', `No sweep ${sweepId}`);
    if (this.#jobOf.has(sweepId)) return fail('busy', `Sweep ${sweepId} is running`);
    if (
      sweep.owner !== runOwner() &&
      !isTerminalRunState(sweep.state) &&
      isOwnerAlive(sweep.owner)
    ) {
      return fail('busy', `Sweep ${sweepId} is running in ${sweep.owner}`);
    }
    return this.#launch(sweepId, async (context) =>
      ok({ points: await reopenPoints(this.#deps, sweepId, context), phones: null }),
    );
  }

  /** Stops a live sweep and its runs; false when it is not live here. */
  stop(sweepId: string): boolean {
    const jobId = this.#jobOf.get(sweepId);
    return jobId === undefined ? false : this.#deps.jobs.cancel(jobId);
  }

  /**
   * The stored sweeps. A sweep whose studio died since this one started (a teammate's CLI
   * killed, another window's host) is marked interrupted first, so it reads resumable.
   */
  list(): SweepRecord[] {
    this.#deps.repo.markInterrupted();
    return this.#deps.repo.list().map(withoutOwner);
  }

  /** One sweep with its points, marked interrupted first when its studio died (as `list`). */
  get(sweepId: string): Result<SweepDetails> {
    this.#deps.repo.markInterrupted();
    const stored = this.#deps.repo.get(sweepId);
    if (!stored) return fail('not-found', `No sweep ${sweepId}`);
    return ok({ sweep: withoutOwner(stored), points: this.#deps.repo.points(sweepId) });
  }

  /** Keeps a sweep job's state in the store and tells every window. */
  onJob(job: JobSnapshot): void {
    if (job.kind !== 'sweep') return;
    const sweepId = this.#sweepOf.get(job.id);
    if (sweepId === undefined) return;
    const ended = isTerminalRunState(job.state);
    this.#deps.repo.setState(sweepId, job.state, {
      error: job.error,
      endedAt: ended ? (job.endedAt ?? Date.now()) : null,
    });
    if (ended) {
      this.#jobOf.delete(sweepId);
      this.#sweepOf.delete(job.id);
    }
    this.#publish(sweepId, null);
    if (ended) this.#deps.onDidEnd?.(sweepId);
  }

  #launch(
    sweepId: string,
    prepare: (context: JobContext) => Promise<Result<Planned>>,
  ): Result<{ sweepId: string }> {
    const session = this.#deps.jobs.start({
      kind: 'sweep',
      subject: sweepId,
      label: `Sweep ${this.#deps.repo.get(sweepId)?.profileName ?? sweepId}`,
      state: 'building',
      work: async (context) => {
        this.#jobOf.set(sweepId, context.jobId);
        this.#sweepOf.set(context.jobId, sweepId);
        // Owned by this process before it reads live: a studio listing sweeps (this one or
        // another) would otherwise take a resumed sweep, still its dead owner's, as interrupted.
        this.#deps.repo.claim(sweepId, null, null);
        // The job's first state went out before its id was known here.
        this.#deps.repo.setState(sweepId, 'building');
        const planned = await prepare(context);
        if (!planned.ok) return planned;
        return this.#run(sweepId, planned.value, context);
      },
    });
    return session.ok ? ok({ sweepId }) : session;
  }

  /**
   * Plans a new sweep: phones selected, every point of the grid kept at once, pending until
   * its graph is built (as the sweep runs: `#run`).
   */
  async #plan(id: string, profile: Profile): Promise<Result<Planned>> {
    const phones = selectPhones(await this.#deps.phones(), profile.devices);
    if (phones.length === 0) {
      return fail('not-found', "No ready phone of the farm matches the profile's devices");
    }
    const grid = expandGrid(profile);
    const points = [...planPending(id, grid.points, phones), ...planSkipped(id, grid, phones)];
    this.#deps.repo.addPoints(points);
    return ok({ points, phones });
  }

  async #run(sweepId: string, planned: Planned, context: JobContext): Promise<Result<SweepCounts>> {
    const sweep = this.#deps.repo.get(sweepId)!;
    const { points } = planned;
    const phones = planned.phones ?? selectPhones(await this.#deps.phones(), sweep.profile.devices);
    // A new sweep plans every point on every phone selected; a resume counts the phones it used.
    const used = planned.phones ?? phones.filter((p) => points.some((x) => x.deviceKey === p.key));
    const { concurrency, note } = farmConcurrency(used, this.#deps.cores ?? availableParallelism());
    this.#deps.repo.claim(sweepId, concurrency, note);
    const footprints = planned.phones
      ? new Map<string, Result<Footprint>>()
      : await recheckPending(this.#deps, points, phones, context);
    const onPoint = (point: SweepPoint) => {
      this.#deps.repo.updatePoint(point, point);
      const counts = countPoints(points);
      const { planned: total, done, failed, infeasible, skipped, cancelled } = counts;
      const ended = done + failed + infeasible + skipped + cancelled;
      context.progress(total === 0 ? 1 : ended / total, `${done} of ${total} done`);
      const state = context.signal.aborted ? 'stopping' : 'running';
      this.#publish(sweepId, point, { state, concurrency, note, points });
    };
    // A new sweep's graphs build one by one as it runs: a point runs once its graph is there.
    const builds = planned.phones && {
      builds: buildByGraph({
        points,
        phones,
        footprint: (request, signal) => this.#deps.footprint(request, signal),
        footprints,
        onDecided: (point, change) => onPoint(Object.assign(point, change)),
        context,
      }),
      ready: (point: SweepPoint) => footprints.has(buildKeyOf(point.request)),
    };
    context.enter('running');
    await runSweepLoop({
      sweepId,
      points,
      phones,
      fits: (point, phone) => fitsPhone(footprints, point, phone),
      retries: sweep.profile.retries,
      concurrency,
      runs: this.#deps.runs,
      leaseHolder: this.#deps.leaseHolder,
      ...builds,
      signal: context.signal,
      onPoint,
    });
    if (context.signal.aborted) return fail('cancelled', 'The sweep was stopped');
    return ok(countPoints(points));
  }

  /**
   * Tells every window where a sweep is: as stored, or as `live` says at each point change (the
   * loop's own points, state and concurrency), so that a point's change reads nothing back.
   */
  #publish(sweepId: string, point: SweepPoint | null, live?: SweepNow): void {
    const now = live ?? this.#stored(sweepId);
    if (!now) return;
    this.#deps.events.emit('sweep:onDidProgress', {
      sweepId,
      state: now.state,
      counts: countPoints(now.points),
      perPhone: countPerPhone(now.points),
      concurrency: now.concurrency,
      concurrencyNote: now.note,
      point,
    });
  }

  #stored(sweepId: string): SweepNow | null {
    const sweep = this.#deps.repo.get(sweepId);
    if (!sweep) return null;
    const { state, concurrency, concurrencyNote: note } = sweep;
    return { state, concurrency, note, points: this.#deps.repo.points(sweepId) };
  }
}

/** Where a sweep is, as its progress event tells it. */
interface SweepNow {
  state: RunState;
  concurrency: number | null;
  note: string | null;
  points: readonly SweepPoint[];
}
