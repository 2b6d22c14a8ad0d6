import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { PushProgress } from '../../../../shared/device';
import { fail, ok, type Result } from '../../../../shared/result';
import { parseDf } from '../parse/df';
import { runShell, type ShellTransport } from '../shell/device-shell';
import type { ShellOutput } from '../shell/shell-sentinel';
import { cacheDir, cachePath, parseSha256sum, pickEvictions } from './cache-layout';
import { hashFile } from '../../hash-file';
import { remoteFileSize, sendFile, type PushTarget } from './send-file';
import { sendWithAdb, type AdbDeviceTarget } from './send-with-adb';

/** The file system the cache lives on (it may not exist yet itself). */
const studioDataDir = '/data/local/tmp';

/** What a cached push needs of a device: adbkit's `DeviceClient` fits. */
export interface PushDevice extends ShellTransport, PushTarget {
  readdir(path: string): PromiseLike<{ name: string; size: number; mtime: Date }[]>;
  stat(path: string): PromiseLike<{ size: number }>;
}

/** Options of one push. */
export interface CachedPushOptions {
  /** Check the bytes on the phone with `sha256sum` (default true). */
  verify?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: Omit<PushProgress, 'pushId' | 'deviceKey'>) => void;
  /** Keep this much free on top of the file (default 16 MiB). */
  reserveBytes?: number;
  open?: (path: string) => Readable;
  /** Push with the adb binary (faster) instead of adbkit's sync client. */
  adb?: AdbDeviceTarget;
}

/** Where the artifact lies on the phone and whether it was already there. */
export interface CachedPush {
  remotePath: string;
  sha256: string;
  bytes: number;
  skipped: boolean;
}

/** Reports a phase of the push, with the bytes done so far. */
type Report = (phase: PushProgress['phase'], done?: number) => void;

/** The file being pushed, once hashed. */
interface Artifact {
  file: string;
  sha256: string;
  bytes: number;
  remotePath: string;
}

/**
 * Pushes a file into the phone's content-addressed cache: skipped when the same bytes are
 * there; otherwise free space is checked (evicting least-recently-used entries), the bytes go to
 * a temporary name, are verified with `sha256sum`, and only then moved into place — so a failed
 * or cancelled push never leaves a cached file. Every push ends on a final phase: cached, done,
 * failed or cancelled; cancelling takes effect in any phase before the move.
 */
export async function cachedPush(
  device: PushDevice,
  file: string,
  options: CachedPushOptions = {},
): Promise<Result<CachedPush>> {
  const hashed = await hashFile(file).then(ok, (error: Error) =>
    fail<never>('not-found', `Cannot read ${file}: ${error.message}`),
  );
  if (!hashed.ok) return hashed;
  const { sha256, bytes } = hashed.value;
  let last = 0;
  const report: Report = (phase, done = last) => {
    last = done;
    options.onProgress?.({ phase, bytes: done, total: bytes });
  };
  report('checking');
  const artifact = { file, sha256, bytes, remotePath: cachePath(sha256) };
  const pushed = await lookUpOrSend(device, artifact, options, report);
  if (!pushed.ok) report(pushed.error.code === 'cancelled' ? 'cancelled' : 'failed');
  return pushed;
}

/** A cancelled push stops here. */
function stillWanted(signal: AbortSignal | undefined): Result<void> {
  return signal?.aborted ? fail('cancelled', 'push cancelled') : ok(undefined);
}

async function lookUpOrSend(
  device: PushDevice,
  artifact: Artifact,
  options: CachedPushOptions,
  report: Report,
): Promise<Result<CachedPush>> {
  const { remotePath, sha256, bytes } = artifact;
  const { signal } = options;
  // Free space is read alongside the cache lookup: one round trip less on a miss.
  const df = must(device, 'df', [studioDataDir], signal);
  const hit = await cachedAlready(device, artifact, options.verify !== false, signal);
  if (!hit.ok) return hit;
  if (hit.value) {
    report('cached', bytes);
    return ok({ remotePath, sha256, bytes, skipped: true });
  }
  const needed = bytes + (options.reserveBytes ?? 16 * 1024 * 1024);
  const room = await makeRoom(device, await df, needed, signal);
  if (!room.ok) return room;
  const temporary = `${remotePath}.partial-${randomBytes(4).toString('hex')}`;
  const placed = await sendAndPlace(device, artifact, temporary, options, report);
  if (!placed.ok) {
    await runShell(device, 'rm', ['-f', temporary], { timeoutMs: 5000 });
    return placed;
  }
  report('done', bytes);
  return ok({ remotePath, sha256, bytes, skipped: false });
}

/** Sends the bytes to `temporary`, verifies them when asked, then moves them into place. */
async function sendAndPlace(
  device: PushDevice,
  artifact: Artifact,
  temporary: string,
  options: CachedPushOptions,
  report: Report,
): Promise<Result<void>> {
  const { file, bytes } = artifact;
  const onBytes = (done: number) => report('pushing', done);
  const sent = options.adb
    ? await sendWithAdb(options.adb, file, temporary, {
        signal: options.signal,
        onBytes,
        remoteSize: (path) => remoteFileSize(device, path),
      })
    : await sendFile(device, (options.open ?? createReadStream)(file), temporary, {
        signal: options.signal,
        onBytes,
      });
  if (!sent.ok) return sent;
  onBytes(bytes);
  return verifyAndPlace(device, temporary, artifact, options, report);
}

/** Runs a command of the push: a cancel stays a cancel, any other failure is DEVICE_LOST. */
async function onPhone(
  device: ShellTransport,
  program: string,
  args: string[],
  signal?: AbortSignal,
): Promise<Result<ShellOutput>> {
  const result = await runShell(device, program, args, { timeoutMs: 120_000, signal });
  if (result.ok || result.error.code === 'cancelled') return result;
  return fail('device-lost', `DEVICE_LOST: ${result.error.message}`);
}

/** Stdout of a command that must succeed. */
async function must(
  device: ShellTransport,
  program: string,
  args: string[],
  signal?: AbortSignal,
): Promise<Result<string>> {
  const result = await onPhone(device, program, args, signal);
  if (!result.ok) return result;
  if (result.value.exitCode !== 0) {
    return fail('command-failed', `${program} failed: ${result.value.stderr.trim()}`);
  }
  return ok(result.value.stdout);
}

/**
 * True when the cache holds the file (its sha256 checked on the phone when `verify`, else a sync
 * STAT); a hit is touched, for LRU eviction.
 */
async function cachedAlready(
  device: PushDevice,
  { remotePath, sha256 }: Artifact,
  verify: boolean,
  signal: AbortSignal | undefined,
): Promise<Result<boolean>> {
  const present = verify
    ? await holdsBytes(device, remotePath, sha256, signal)
    : await remoteFileSize(device, remotePath).then(
        (size) => ok(size !== null),
        (error: Error) => fail<boolean>('device-lost', `DEVICE_LOST: ${error.message}`),
      );
  if (!present.ok || !present.value) return present;
  const touched = await must(device, 'touch', [remotePath], signal);
  return touched.ok ? ok(true) : touched;
}

async function holdsBytes(
  device: ShellTransport,
  remotePath: string,
  sha256: string,
  signal: AbortSignal | undefined,
): Promise<Result<boolean>> {
  const probe = await onPhone(device, 'sha256sum', [remotePath], signal);
  if (!probe.ok) return probe;
  return ok(probe.value.exitCode === 0 && parseSha256sum(probe.value.stdout) === sha256);
}

/** Ensures `needed` bytes are free under the cache, evicting LRU entries when they are not. */
async function makeRoom(
  device: PushDevice,
  df: Result<string>,
  needed: number,
  signal: AbortSignal | undefined,
): Promise<Result<void>> {
  // No `mkdir -p`: sync SEND creates missing parent dirs (adb's fixed_push_mkdir).
  if (!df.ok) return df;
  const space = parseDf(df.value);
  if (!space) return fail('unavailable', 'could not read the free space of the phone');
  const available = space.availableKb * 1024;
  if (available >= needed) return stillWanted(signal);
  const listed = await Promise.resolve(device.readdir(cacheDir)).catch(() => []);
  const entries = listed.map((entry) => ({
    name: entry.name,
    size: entry.size,
    mtimeMs: entry.mtime.getTime(),
  }));
  const evict = pickEvictions(entries, available, needed);
  if (!evict) {
    return fail('insufficient-space', `the phone has ${available} bytes free, ${needed} needed`);
  }
  for (const entry of evict) {
    // A cancelled push evicts nothing more for bytes that will not come.
    const wanted = stillWanted(signal);
    if (!wanted.ok) return wanted;
    const removed = await must(device, 'rm', ['-f', `${cacheDir}/${entry.name}`]);
    if (!removed.ok) return removed;
  }
  return ok(undefined);
}

async function verifyAndPlace(
  device: ShellTransport,
  temporary: string,
  { remotePath, sha256, bytes }: Artifact,
  options: CachedPushOptions,
  report: Report,
): Promise<Result<void>> {
  if (options.verify !== false) {
    report('verifying', bytes);
    const sum = await must(device, 'sha256sum', [temporary], options.signal);
    if (!sum.ok) return sum;
    if (parseSha256sum(sum.value) !== sha256) {
      return fail('verify-failed', `the bytes on the phone do not match sha256 ${sha256}`);
    }
  }
  // The last moment to cancel: once moved, the bytes are cached.
  const wanted = stillWanted(options.signal);
  if (!wanted.ok) return wanted;
  const moved = await must(device, 'mv', [temporary, remotePath]);
  return moved.ok ? ok(undefined) : moved;
}
