import type { StudioApi } from './contract';
import type { JobSnapshot } from './job';
import { fail, ok, type Result } from './result';
import { isTerminalRunState } from './run-state';

/**
 * Follows a job until it ends: every change goes to `onChange`, and the promise resolves with
 * the job's last snapshot. Subscribes before it asks, so an end in between is not missed.
 */
export async function waitForJob(
  studio: StudioApi,
  jobId: string,
  onChange: (job: JobSnapshot) => void = () => undefined,
): Promise<Result<JobSnapshot>> {
  let settle: (job: JobSnapshot) => void = () => undefined;
  const ended = new Promise<JobSnapshot>((resolve) => (settle = resolve));
  const seen = (job: JobSnapshot) => {
    if (job.id !== jobId) return;
    onChange(job);
    if (isTerminalRunState(job.state)) settle(job);
  };
  const off = studio.on('job:onDidChange', seen);
  try {
    const current = await studio.invoke('job:get', { jobId });
    if (!current.ok) return fail(current.error.code, current.error.message);
    seen(current.value.job);
    return ok(await ended);
  } finally {
    off();
  }
}

/** The value of a job that ended `finished`, or the error it ended with. */
export function jobOutcome<J extends JobSnapshot>(job: J): Result<NonNullable<J['result']>> {
  if (job.state === 'finished' && job.result !== null)
    return ok(job.result as NonNullable<J['result']>);
  return fail(job.error?.code ?? 'internal', job.error?.message ?? `The job ended ${job.state}`);
}
