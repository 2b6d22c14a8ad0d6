import { errorHint } from '../../shared/error-hint';
import type { Command } from 'commander';
import type { StudioApi } from '../../shared/contract';
import type { JobSnapshot } from '../../shared/job';
import type { ErrorCode } from '../../shared/result';
import type { RunRecord } from '../../shared/run';
import { call, withStudio } from './cli-studio';
import { CommandFailure } from './command-output';
import { followJob } from './follow-job';
import { formatRun } from './format-run';
import { selectPhone } from './phone-selection';
import { addRunOptions, runRequestOf, type RunOptions } from './run-options';

type RunJob = Extract<JobSnapshot, { kind: 'run' }>;

/** `edge-studio run`: one scenario on one phone, followed to its end, then its summary. */
export function registerRunCommand(program: Command): void {
  addRunOptions(
    program
      .command('run')
      .description(
        'run MODEL in a scenario on one phone: build, push, time repetitions, sample, score',
      ),
  ).action(async (options: RunOptions, command: Command) => {
    const request = runRequestOf(options);
    let stopped = false;
    const record = await withStudio(command, async ({ studio }) => {
      const phone = await selectPhone(studio, options.device);
      const { runId } = await call(studio, 'run:start', { ...request, device: phone.key });
      await followRun(studio, runId, () => (stopped = true));
      return call(studio, 'run:get', { runId });
    });
    console.log(options.json ? JSON.stringify(record, null, 2) : formatRun(record));
    if (record.state !== 'finished') throw new CommandFailure(runFailure(record, stopped));
  });
}

/**
 * Follows the run's job with a bar (state and repetition). The first Ctrl-C stops the runner on
 * the phone (`run:stop`), rather than cancelling the job; a second one quits at once.
 */
async function followRun(studio: StudioApi, runId: string, onStop: () => void): Promise<void> {
  const interrupt = () => {
    onStop();
    console.error(`edge-studio: stopping run ${runId} on the phone (Ctrl-C again quits at once)`);
    void studio.invoke('run:stop', { runId });
  };
  const message = ({ state, progress }: JobSnapshot) =>
    progress.message ? `${state}: ${progress.message}` : state;
  try {
    await followJob<RunJob>(studio, runId, 'run', { interrupt, message });
  } catch (error) {
    // A run that ended badly is still a stored run: its record says how, and is printed.
    if (!(error instanceof CommandFailure)) throw error;
  }
}

/** The failure line of a run that did not finish, with what to do about it. Pure. */
export function runFailure(record: RunRecord, stopped = false): string {
  if (stopped && record.state === 'cancelled') return `run ${record.id} stopped on the phone`;
  const error = record.error ?? { code: 'internal' as const, message: `it ended ${record.state}` };
  return `run ${record.id} ${record.state}: ${error.message} (${runHint(error.code)})`;
}

/** What the user can do about a run that ended with this code: a run's own words, else the studio's. */
function runHint(code: ErrorCode): string {
  return runHints[code] ?? errorHint(code);
}

const runHints: Partial<Record<ErrorCode, string>> = {
  'not-found': 'check the phone, model, dataset or runtime named',
  'build-failed': 'see the build log; graph build with the same options shows it',
  'command-failed': 'the runner failed; its last stderr and logcat lines are in the run',
  busy: 'the phone is leased by someone else; try again when they are done',
  'not-installed': 'build the runtime bundle (npm run setup), then try again',
  'device-lost': 'check the phone is connected, then try again; the samples taken are kept',
};
