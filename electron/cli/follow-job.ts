import type { StudioApi } from '../../shared/contract';
import type { JobSnapshot } from '../../shared/job';
import { jobOutcome, waitForJob } from '../../shared/wait-for-job';
import { CommandFailure, progressBar } from './command-output';
import { onInterrupt } from './interrupt';

/** How a command follows its job, where it differs from a plain cancel and the job's message. */
export interface FollowOptions {
  /** What the first Ctrl-C does (default: `job:cancel`). */
  interrupt?: () => void;
  /** The bar's text for a snapshot (default: the progress message). */
  message?: (job: JobSnapshot) => string;
}

/**
 * Follows a job the command started until it ends, with its progress as a bar on a terminal; the
 * first Ctrl-C cancels it (`job:cancel`, so it cleans up), a second one quits at once. Its result,
 * or its error as the command's failure (exit 1).
 */
export async function followJob<J extends JobSnapshot>(
  studio: StudioApi,
  jobId: string,
  kind: J['kind'],
  {
    interrupt = () => void studio.invoke('job:cancel', { jobId }),
    message = (job) => job.progress.message,
  }: FollowOptions = {},
): Promise<NonNullable<J['result']>> {
  const bar = progressBar();
  const offInterrupt = onInterrupt(interrupt, { secondQuits: true });
  try {
    const ended = await waitForJob(studio, jobId, (job) =>
      bar.update(Math.round(job.progress.fraction * 100), 100, message(job)),
    );
    if (!ended.ok) throw new CommandFailure(ended.error.message);
    if (ended.value.kind !== kind) throw new Error(`job ${jobId} is a ${ended.value.kind} job`);
    const outcome = jobOutcome(ended.value as J);
    if (!outcome.ok) throw new CommandFailure(outcome.error.message);
    return outcome.value;
  } finally {
    offInterrupt();
    bar.stop();
  }
}
