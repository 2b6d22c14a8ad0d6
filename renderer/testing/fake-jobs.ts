import type { InvokeHandlers } from '../../shared/contract';
import type { StudioEventBus } from '../../shared/event-bus';
import type { PushProgress } from '../../shared/device';
import type { JobKind, JobResult, JobSnapshot } from '../../shared/job';
import { fail, ok } from '../../shared/result';
import { isTerminalRunState } from '../../shared/run-state';

/** The `device-push` job snapshot a push at this progress has (its id is the push's). */
export function pushJob({ pushId, deviceKey, bytes, total, phase }: PushProgress): JobSnapshot {
  const ended = {
    done: 'finished',
    cached: 'finished',
    failed: 'failed',
    cancelled: 'cancelled',
  } as const;
  const state = phase in ended ? ended[phase as keyof typeof ended] : 'pushing';
  return {
    id: pushId,
    kind: 'device-push',
    subject: deviceKey,
    label: `Push ${pushId}`,
    state,
    progress: { fraction: total > 0 ? bytes / total : 0, message: phase },
    startedAt: 0,
    endedAt: state === 'pushing' ? null : 1,
    error: null,
    result: null,
    transfer: { bytes, total, phase },
  };
}

/**
 * Jobs for renderer tests, shaped as the core's: `start` answers an id at once, emits a running
 * snapshot, and the job finishes with its result on the next turn (unless cancelled first).
 */
export function fakeJobs(events: StudioEventBus) {
  const jobs = new Map<string, JobSnapshot>();
  let next = 0;
  const put = (job: JobSnapshot) => {
    jobs.set(job.id, job);
    events.emit('job:onDidChange', job);
  };
  function start<K extends JobKind>(
    kind: K,
    subject: string,
    result: JobResult<K>,
    message = 'working',
  ): { jobId: string } {
    const id = `job-${++next}`;
    const running = {
      id,
      kind,
      subject,
      label: kind,
      state: kind === 'device-push' ? 'pushing' : 'running',
      progress: { fraction: 0.5, message },
      startedAt: Date.now(),
      endedAt: null,
      error: null,
      result: null,
    } as JobSnapshot;
    put(running);
    setTimeout(() => {
      const current = jobs.get(id);
      if (!current || isTerminalRunState(current.state)) return;
      put({ ...current, state: 'finished', endedAt: Date.now(), result } as JobSnapshot);
    }, 0);
    return { jobId: id };
  }
  const handlers: Pick<InvokeHandlers, 'job:list' | 'job:get' | 'job:cancel'> = {
    'job:list': async () => ok({ jobs: [...jobs.values()] }),
    'job:get': async ({ jobId }) => {
      const job = jobs.get(jobId);
      return job ? ok({ job, logs: [], droppedLogs: 0 }) : fail('not-found', `No job ${jobId}`);
    },
    'job:cancel': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job || isTerminalRunState(job.state)) return ok({ cancelled: false });
      const error = { code: 'cancelled' as const, message: 'Cancelled' };
      put({ ...job, state: 'cancelled', endedAt: Date.now(), error });
      return ok({ cancelled: true });
    },
  };
  return { start, put, handlers };
}
