import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CachedPushResult } from '../../shared/device';
import { createStudioCore, type StudioCore } from '../core/studio-core';
import { progressBar, succeed } from './command-output';
import { settledFarm } from './devices-command';
import { pickPhone } from './devices-sample-command';
import { hostContextFrom, type GlobalOptions } from './global-options';

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
    .argument(
      '[phone]',
      'serial number or key of the phone (default: ANDROID_SERIAL or the only one)',
    )
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
  const core = createStudioCore(hostContextFrom(command.optsWithGlobals<GlobalOptions>(), 'web'));
  try {
    const device = pickPhone((await settledFarm(core)).devices, phone);
    const started = performance.now();
    const pushed = await pushWithProgress(core, device.key, resolve(file), options.verify);
    const seconds = (performance.now() - started) / 1000;
    // Commander hands `--json` to `devices` too: read it from either.
    const json = command.optsWithGlobals<{ json?: boolean }>().json;
    const where = { key: device.key, seconds, verified: options.verify };
    console.log(json ? JSON.stringify(pushed) : formatPush(pushed, where));
  } finally {
    core.close();
  }
}

/** Runs `device:push` with a progress bar on a terminal; Ctrl-C cancels it. */
async function pushWithProgress(core: StudioCore, key: string, file: string, verify: boolean) {
  const pushId = randomUUID();
  const bar = progressBar();
  const off = core.events.subscribe((event) => {
    if (event.channel !== 'device:onDidPushProgress' || event.payload.pushId !== pushId) return;
    const { bytes, total, phase } = event.payload;
    bar.update(Math.round(mib(bytes)), Math.ceil(mib(total)), `MiB ${phase}`);
  });
  let interrupted = false;
  // The first Ctrl-C cancels (the phone is left clean); a second one quits at once.
  const cancel = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    void core.handlers['device:cancelPush']({ pushId });
  };
  process.on('SIGINT', cancel);
  try {
    return succeed(await core.handlers['device:push']({ key, file, verify, pushId }));
  } finally {
    process.off('SIGINT', cancel);
    off();
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
