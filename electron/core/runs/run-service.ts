import type { JobSnapshot } from '../../../shared/job';
import type { StudioEventBus } from '../../../shared/event-bus';
import { fail, ok, type Result } from '../../../shared/result';
import type { RunListFilter, RunRecord, RunRequest } from '../../../shared/run';
import type { RunSummary } from '../../../shared/run-metrics';
import { isTerminalRunState } from '../../../shared/run-state';
import { scenarioLabel } from '../../../shared/scenario';
import type { JobRegistry } from '../jobs/job-registry';
import type { RunRepo } from '../store/run-repo';
import type { RecorderSink } from './run-recorder';
import type { SessionDeps } from './run-session';

/** What the run service works with. */
export interface RunServiceDeps extends Omit<SessionDeps, 'sink' | 'keepPartial'> {
  jobs: JobRegistry;
  repo: RunRepo;
  events: StudioEventBus;
}

/**
 * The runs of this studio: each is a `run` job (its id is the run's), kept in the store from
 * its first state to its last. Its state goes out as `run:onDidChangeState` and into the store;
 * its samples are written and sent in batches by its recorder. Runs a studio left live when it
 * stopped are marked when the service starts.
 */
export class RunService {
  readonly #deps: RunServiceDeps;
  readonly #sink: RecorderSink;
  /** What runs that ended without a result still measured, until their end is stored. */
  readonly #partial = new Map<string, RunSummary>();

  constructor(deps: RunServiceDeps) {
    this.#deps = deps;
    this.#sink = {
      persist: (runId, samples) => deps.repo.appendSamples(runId, samples),
      publish: (batch) => deps.events.emit('run:metrics', batch),
    };
    deps.repo.markInterrupted();
  }

  /** Starts a run; its id comes back at once, the work goes on as a job. */
  start(request: RunRequest, sweepId: string | null = null): Result<{ runId: string }> {
    const { repo } = this.#deps;
    const session = this.#deps.jobs.start({
      kind: 'run',
      subject: request.device,
      label: `Run ${scenarioLabel(request.scenario)} ${request.quant}`,
      state: 'building',
      work: async (context) => {
        const record = {
          id: context.jobId,
          request,
          deviceKey: request.device,
          scenario: scenarioLabel(request.scenario),
          quant: request.quant,
          createdAt: Date.now(),
          sweepId,
        };
        repo.create(record);
        repo.setState(record.id, 'building');
        // The session loads onnxruntime-node: imported on a run's first use, not at start-up.
        const { runSession } = await import('./run-session');
        const keepPartial = (id: string, summary: RunSummary) => this.#partial.set(id, summary);
        return runSession(request, { ...this.#deps, sink: this.#sink, keepPartial }, context);
      },
    });
    return session.ok ? ok({ runId: session.value.id }) : session;
  }

  /** Stops a live run (the runner is killed on the phone); false when it is not live. */
  stop(runId: string): boolean {
    const job = this.#deps.jobs.get(runId);
    return job?.snapshot().kind === 'run' ? this.#deps.jobs.cancel(runId) : false;
  }

  /** Keeps a run job's state in the store and tells every window. */
  onJob(job: JobSnapshot): void {
    if (job.kind !== 'run') return;
    const { repo, events } = this.#deps;
    const ending = { error: job.error, ...(job.endedAt === null ? {} : { endedAt: job.endedAt }) };
    if (isTerminalRunState(job.state)) {
      repo.finish(job.id, job.state, job.result ?? this.#partial.get(job.id) ?? null, ending);
      this.#partial.delete(job.id);
    } else {
      repo.setState(job.id, job.state, ending);
    }
    events.emit('run:onDidChangeState', {
      runId: job.id,
      state: job.state,
      progress: job.progress,
      error: job.error,
    });
  }

  /**
   * The stored runs. A run whose studio died since this one started (a teammate's CLI killed) is
   * marked failed (interrupted) first, as at start-up, so it does not read live forever.
   */
  list(filter: RunListFilter): RunRecord[] {
    this.#deps.repo.markInterrupted();
    return this.#deps.repo.list(filter);
  }

  /** One stored run, marked interrupted first when its studio died (as `list`). */
  get(runId: string): Result<RunRecord> {
    this.#deps.repo.markInterrupted();
    const record = this.#deps.repo.get(runId);
    return record ? ok(record) : fail('not-found', `No run ${runId}`);
  }

  /** Deletes an ended run with its samples, statistics and files. */
  delete(runId: string): Result<{ deleted: true }> {
    const record = this.#deps.repo.get(runId);
    if (!record) return fail('not-found', `No run ${runId}`);
    if (!isTerminalRunState(record.state)) {
      return fail('busy', `Run ${runId} is ${record.state}: stop it before deleting it`);
    }
    this.#deps.repo.delete(runId);
    return ok({ deleted: true });
  }
}
