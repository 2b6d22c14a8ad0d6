import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { StudioApi } from '../../shared/contract';
import type { CachedPushResult } from '../../shared/device';
import { call, withStudio } from './cli-studio';
import { waitForJob, jobOutcome } from '../../shared/wait-for-job';
import { CommandFailure, progressBar } from './command-output';
import { onInterrupt } from './interrupt';
import { phoneArgumentHelp, selectPhone } from './phone-selection';

interface PushOptions {
  verify: boolean;
}

const mib = (bytes: number) => bytes / 1024 / 1024;

/** `edge-studio devices push FILE [PHONE]`: a verified push into the phone's cache. */
export function registerPushCommand(devices: Command): void {
  devices
    .command('push')
    .description(
      "push a file into a phone's content-addressed cache (skipped when already there), verified",
    )
    .argument('<file>', 'the file to push')
    .argument('[phone]', phoneArgumentHelp)
    .option('--no-verify', 'skip the on-phone sha256sum check')
    .option('--json', 'print the outcome as JSON')
    .action(runPush);
}

async function runPush(
  file: string,
  phone: string | undefined,
  options: PushOptions,
  command: Command,
): Promise<void> {
  await withStudio(command, async ({ studio }) => {
    const device = await selectPhone(studio, phone);
    const started = performance.now();
    const pushed = await pushWithProgress(studio, device.key, resolve(file), options.verify);
    const seconds = (performance.now() - started) / 1000;
    // Commander hands `--json` to `devices` too: read it from either.
    const json = command.optsWithGlobals<{ json?: boolean }>().json;
    const where = { key: device.key, seconds, verified: options.verify };
    console.log(json ? JSON.stringify(pushed) : formatPush(pushed, where));
  });
}

/**
 * Runs `device:push` with a progress bar on a terminal. The first Ctrl-C cancels it (the phone
 * is left clean); a second one quits at once.
 */
async function pushWithProgress(studio: StudioApi, key: string, file: string, verify: boolean) {
  const { jobId } = await call(studio, 'device:push', { key, file, verify });
  const bar = progressBar();
  const offInterrupt = onInterrupt(() => void studio.invoke('job:cancel', { jobId }), {
    secondQuits: true,
  });
  try {
    const ended = await waitForJob(studio, jobId, (job) => {
      if (job.kind !== 'device-push' || !job.transfer) return;
      const { bytes, total, phase } = job.transfer;
      bar.update(Math.round(mib(bytes)), Math.ceil(mib(total)), `MiB ${phase}`);
    });
    const pushed = ended.ok ? jobOutcome(ended.value) : ended;
    if (!pushed.ok) throw new CommandFailure(pushed.error.message);
    return pushed.value as CachedPushResult;
  } finally {
    offInterrupt();
    bar.stop();
  }
}

/** One line: where the bytes are, and how fast they went (or that they were there). Pure. */
export function formatPush(
  pushed: CachedPushResult,
  where: { key: string; seconds: number; verified: boolean },
): string {
  const size = `${mib(pushed.bytes).toFixed(1)} MiB`;
  if (pushed.skipped) return `${pushed.remotePath} (${size}) was already on ${where.key}`;
  const rate = `${(pushed.bytes / 1e6 / Math.max(where.seconds, 1e-3)).toFixed(0)} MB/s`;
  const checked = where.verified ? ', sha256 verified on the phone' : '';
  return `${pushed.remotePath} (${size}) pushed to ${where.key} in ${where.seconds.toFixed(1)} s, ${rate}${checked}`;
}
