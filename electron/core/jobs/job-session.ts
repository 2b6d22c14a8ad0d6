import type { LogLevel } from '../../../shared/app-info';
import type { JobDetails, JobKind, JobLogEntry, JobResult, JobSnapshot } from '../../../shared/job';
import { fail, ok, type Result, type StudioError } from '../../../shared/result';
import { canTransition, isTerminalRunState, type RunState } from '../../../shared/run-state';
import { BoundedLog } from './bounded-log';

/** The states a job moves through while it works. */
export type WorkingState = 'building' | 'pushing' | 'running';

/** What a job's work is given: the signal that cancels it, and ways to report. */
export interface JobContext {
  /** The job's id (a run's id is its job's). */
  readonly jobId: string;
  readonly signal: AbortSignal;
  /**
   * Progress as a fraction in [0, 1], with the kind's own detail fields (a push's `transfer`);
   * sent at most every `progressIntervalMs`, the latest always.
   */
  progress(fraction: number, message: string, detail?: Record<string, unknown>): void;
  log(level: LogLevel, message: string): void;
  /** Moves the job to another working state (a run goes building → pushing → running). */
  enter(state: WorkingState): void;
}

/** What a job is and the work it does. */
export interface JobSpec<K extends JobKind> {
  kind: K;
  subject: string;
  label: string;
  /** The state the job is in once started, until its work says otherwise. */
  state: WorkingState;
  /** Expected failures are values; a throw is a bug and ends the job `failed` / `internal`. */
  work(context: JobContext): Promise<Result<JobResult<K>>>;
  /** Ends what the work left running (a child process) when `stop()` runs out of patience. */
  kill?(): void;
}

export interface JobSessionOptions {
  id: string;
  onChange(snapshot: JobSnapshot): void;
  /** How long `stop()` waits for the work to end after the signal, before it kills. */
  stopTimeoutMs?: number;
  logCapacity?: number;
  progressIntervalMs?: number;
}

/**
 * One long job (graph build, fidelity run, push; runs and sweeps next): queued until `start`,
 * then a working state, progress, a bounded log, and always an end state — `finished` with its
 * result, `failed` with a coded error, or `cancelled`. Every change goes to `onChange`, progress
 * at most ten times a second.
 */
export class JobSession<K extends JobKind = JobKind> {
  readonly id: string;
  readonly #spec: JobSpec<K>;
  readonly #options: Required<Omit<JobSessionOptions, 'id'>>;
  readonly #controller = new AbortController();
  readonly #log: BoundedLog<JobLogEntry>;
  readonly done: Promise<JobSnapshot>;
  #resolveDone: (snapshot: JobSnapshot) => void = () => undefined;
  #state: RunState = 'queued';
  #started = false;
  #progress = { fraction: 0, message: 'queued' };
  #startedAt = Date.now();
  #endedAt: number | null = null;
  #error: StudioError | null = null;
  #result: unknown = null;
  #detail: Record<string, unknown> = {};
  #lastProgressAt = 0;
  #progressTimer: ReturnType<typeof setTimeout> | null = null;
  #killTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(spec: JobSpec<K>, options: JobSessionOptions) {
    this.id = options.id;
    this.#spec = spec;
    this.#options = { stopTimeoutMs: 5000, logCapacity: 500, progressIntervalMs: 100, ...options };
    this.#log = new BoundedLog(this.#options.logCapacity);
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
  }

  get state(): RunState {
    return this.#state;
  }

  /** Starts the work; a session starts once (a second call is refused). */
  start(): Result<void> {
    if (this.#started) return fail('busy', `Job ${this.id} was already started`);
    this.#started = true;
    if (isTerminalRunState(this.#state)) return fail('cancelled', `Job ${this.id} was cancelled`);
    this.#startedAt = Date.now();
    this.#progress = { fraction: 0, message: 'starting' };
    this.#move(this.#spec.state);
    void this.#run();
    return ok(undefined);
  }

  /** Aborts the work's signal; the job ends when its work does. False once it has ended. */
  cancel(): boolean {
    if (isTerminalRunState(this.#state)) return false;
    if (this.#state === 'queued') {
      this.#end(fail('cancelled', 'Cancelled before it started'));
      return true;
    }
    if (this.#state !== 'stopping') {
      this.#log.push({ time: Date.now(), level: 'info', message: 'cancel requested' });
      this.#move('stopping');
      this.#controller.abort();
    }
    return true;
  }

  /** Cancels, and kills the job if its work has not ended `stopTimeoutMs` later. */
  stop(): boolean {
    if (!this.cancel()) return false;
    if (isTerminalRunState(this.#state) || this.#killTimer) return true;
    this.#killTimer = setTimeout(() => this.#kill(), this.#options.stopTimeoutMs);
    return true;
  }

  snapshot(): JobSnapshot {
    return {
      id: this.id,
      kind: this.#spec.kind,
      subject: this.#spec.subject,
      label: this.#spec.label,
      state: this.#state,
      progress: { ...this.#progress },
      startedAt: this.#startedAt,
      endedAt: this.#endedAt,
      error: this.#error,
      result: this.#result,
      ...this.#detail,
    } as JobSnapshot;
  }

  details(): JobDetails {
    return { job: this.snapshot(), logs: this.#log.toArray(), droppedLogs: this.#log.dropped };
  }

  async #run(): Promise<void> {
    let result: Result<JobResult<K>>;
    try {
      result = await this.#spec.work(this.#context());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const stack = error instanceof Error && error.stack ? error.stack : message;
      this.#log.push({ time: Date.now(), level: 'error', message: `threw: ${stack}` });
      result = fail('internal', message);
    }
    this.#end(result);
  }

  #context(): JobContext {
    return {
      jobId: this.id,
      signal: this.#controller.signal,
      progress: (fraction, message, detail) => {
        if (isTerminalRunState(this.#state)) return;
        this.#progress = { fraction: Math.min(1, Math.max(0, fraction || 0)), message };
        if (detail) this.#detail = { ...this.#detail, ...detail };
        this.#scheduleProgress();
      },
      log: (level, message) => this.#log.push({ time: Date.now(), level, message }),
      enter: (state) => {
        // Once stopping, the work's own moves no longer count: it is on its way out.
        if (this.#state === 'stopping' || isTerminalRunState(this.#state)) return;
        if (state !== this.#state) this.#move(state);
      },
    };
  }

  #kill(): void {
    if (isTerminalRunState(this.#state)) return;
    const waited = this.#options.stopTimeoutMs;
    this.#log.push({
      time: Date.now(),
      level: 'warn',
      message: `not stopped after ${waited} ms: killed`,
    });
    this.#spec.kill?.();
    this.#end(fail('cancelled', `Killed: it did not stop within ${waited} ms`));
  }

  /** Ends the job once; what a killed job's work returns later is dropped. */
  #end(result: Result<JobResult<K>>): void {
    if (isTerminalRunState(this.#state)) return;
    this.#clearTimers();
    this.#endedAt = Date.now();
    if (result.ok) {
      this.#result = result.value;
      this.#progress = { fraction: 1, message: 'done' };
      this.#move('finished');
    } else if (this.#controller.signal.aborted || result.error.code === 'cancelled') {
      this.#error = { code: 'cancelled', message: result.error.message };
      this.#move('cancelled');
    } else {
      this.#error = result.error;
      this.#log.push({ time: Date.now(), level: 'error', message: result.error.message });
      this.#move('failed');
    }
    this.#resolveDone(this.snapshot());
  }

  #move(to: RunState): void {
    if (!canTransition(this.#state, to)) {
      throw new Error(`Job ${this.id}: ${this.#state} → ${to} is not a transition`);
    }
    this.#state = to;
    this.#emit();
  }

  #scheduleProgress(): void {
    if (this.#progressTimer) return;
    const wait = this.#lastProgressAt + this.#options.progressIntervalMs - Date.now();
    if (wait <= 0) return this.#emit();
    this.#progressTimer = setTimeout(() => this.#emit(), wait);
  }

  #emit(): void {
    if (this.#progressTimer) clearTimeout(this.#progressTimer);
    this.#progressTimer = null;
    this.#lastProgressAt = Date.now();
    this.#options.onChange(this.snapshot());
  }

  #clearTimers(): void {
    if (this.#killTimer) clearTimeout(this.#killTimer);
    this.#killTimer = null;
  }
}
