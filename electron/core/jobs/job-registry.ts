import { randomUUID } from 'node:crypto';
import type { JobKind, JobSnapshot } from '../../../shared/job';
import { fail, ok, type Result } from '../../../shared/result';
import { isTerminalRunState } from '../../../shared/run-state';
import { JobSession, type JobSessionOptions, type JobSpec } from './job-session';

export interface JobRegistryOptions extends Pick<
  JobSessionOptions,
  'stopTimeoutMs' | 'logCapacity'
> {
  /** Every change of every job (the studio sends it out as `job:onDidChange`). */
  onChange(snapshot: JobSnapshot): void;
  /** Ended jobs kept for `job:list` / `job:get`, newest first; older ones are forgotten. */
  keepEnded?: number;
}

/**
 * The jobs of this studio, by id: started here, listed and cancelled from any window, so one
 * that opens later sees the jobs in flight. Closing stops them all and refuses new ones.
 */
export class JobRegistry {
  readonly #jobs = new Map<string, JobSession>();
  readonly #options: JobRegistryOptions;
  #closed = false;

  constructor(options: JobRegistryOptions) {
    this.#options = options;
  }

  /** Starts a job and returns its session at once; its work goes on in the background. */
  start<K extends JobKind>(spec: JobSpec<K>): Result<JobSession<K>> {
    if (this.#closed) return fail('cancelled', 'The studio is closing: no new jobs');
    const session = new JobSession(spec, {
      id: randomUUID(),
      onChange: (snapshot) => this.#options.onChange(snapshot),
      ...(this.#options.stopTimeoutMs === undefined
        ? {}
        : { stopTimeoutMs: this.#options.stopTimeoutMs }),
      ...(this.#options.logCapacity === undefined
        ? {}
        : { logCapacity: this.#options.logCapacity }),
    });
    this.#jobs.set(session.id, session as unknown as JobSession);
    void session.done.then(() => this.#forgetOld());
    const started = session.start();
    return started.ok ? ok(session) : started;
  }

  /** Starts a job for a channel that answers its id at once (`graph:build`, `device:push`, …). */
  launch<K extends JobKind>(spec: JobSpec<K>): Result<{ jobId: string }> {
    const started = this.start(spec);
    return started.ok ? ok({ jobId: started.value.id }) : started;
  }

  get(id: string): JobSession | undefined {
    return this.#jobs.get(id);
  }

  /** Every job known, in flight or recently ended, oldest first. */
  list(): JobSnapshot[] {
    return [...this.#jobs.values()].map((session) => session.snapshot());
  }

  /** Stops a job (cancel, then kill after the timeout); false when none has that id or it ended. */
  cancel(id: string): boolean {
    return this.#jobs.get(id)?.stop() ?? false;
  }

  /** Stops every job in flight and refuses new ones; resolves once all of them have ended. */
  async close(): Promise<void> {
    this.#closed = true;
    const sessions = [...this.#jobs.values()];
    for (const session of sessions) session.stop();
    await Promise.all(sessions.map((session) => session.done));
  }

  #forgetOld(): void {
    const keep = this.#options.keepEnded ?? 100;
    const ended = [...this.#jobs.values()].filter((session) => isTerminalRunState(session.state));
    for (const session of ended.slice(0, Math.max(0, ended.length - keep))) {
      this.#jobs.delete(session.id);
    }
  }
}
