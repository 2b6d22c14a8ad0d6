import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { fail, ok, type Result } from '../../../../shared/result';

type Transfer = EventEmitter & { cancel(): unknown };

/** adbkit's `DeviceClient.push` shape (and its `syncService`, when the target has one). */
export interface PushTarget {
  push(contents: Readable, path: string, mode?: number): PromiseLike<Transfer>;
  syncService?(): PromiseLike<SyncSession>;
}

/** adbkit's `Sync`: a push over one sync connection, ended by the caller. */
interface SyncSession {
  push(contents: Readable, path: string, mode?: number): Transfer;
  stat(path: string): PromiseLike<{ size: number }>;
  end(): unknown;
  connection?: EventEmitter;
}

/** A sync session whose connection errors can never escape as uncaught exceptions. */
async function guardedSession(
  device: PushTarget & { syncService(): PromiseLike<SyncSession> },
): Promise<SyncSession> {
  const sync = await device.syncService();
  sync.connection?.on('error', () => undefined);
  return sync;
}

/**
 * Size of a file on the phone, or null when there is none: a sync STAT, so no process starts on
 * the phone. adbkit's own `stat` opens a sync session with no error listener: polled while a
 * phone drops, its late EPIPE would crash the process.
 */
export async function remoteFileSize(
  device: PushTarget & { stat(path: string): PromiseLike<{ size: number }> },
  path: string,
): Promise<number | null> {
  const sync = device.syncService
    ? await guardedSession(device as PushTarget & { syncService(): PromiseLike<SyncSession> })
    : null;
  try {
    return (await (sync ?? device).stat(path)).size;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  } finally {
    sync?.end();
  }
}

/**
 * adbkit re-emits a socket error on its connection, and throws when nobody listens; after a
 * failed push it detaches its own listener, so a late EPIPE from a dropped phone would crash
 * the process. Pushing over our own sync session with a listener attached keeps it an error value.
 */
async function guardedPush(
  device: PushTarget,
  contents: Readable,
  path: string,
  mode: number,
): Promise<Transfer> {
  if (!device.syncService) return device.push(contents, path, mode);
  const sync = await guardedSession(
    device as PushTarget & { syncService(): PromiseLike<SyncSession> },
  );
  const transfer = sync.push(contents, path, mode);
  const end = () => void sync.end();
  transfer.on('end', end);
  transfer.on('error', end);
  return transfer;
}

/**
 * Sends a stream to `path` over the sync service (adbkit push) with progress; a dropped link
 * is DEVICE_LOST, an abort cancels the transfer.
 */
export async function sendFile(
  device: PushTarget,
  contents: Readable,
  path: string,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
): Promise<Result<void>> {
  if (options.signal?.aborted) return fail('cancelled', 'push cancelled');
  let transfer: Transfer;
  try {
    transfer = await guardedPush(device, contents, path, 0o644);
  } catch (error) {
    contents.destroy();
    return fail('device-lost', `DEVICE_LOST: ${(error as Error).message}`);
  }
  return new Promise((resolve) => {
    const onAbort = () => {
      transfer.cancel();
      done(fail('cancelled', 'push cancelled'));
    };
    const done = (result: Result<void>) => {
      options.signal?.removeEventListener('abort', onAbort);
      contents.destroy();
      resolve(result);
    };
    // Cancelled while the sync session opened: stop before any byte goes.
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    transfer.on('progress', (stats: { bytesTransferred: number }) =>
      options.onBytes?.(stats.bytesTransferred),
    );
    transfer.on('end', () => done(ok(undefined)));
    transfer.on('error', (error: Error) =>
      done(fail('device-lost', `DEVICE_LOST: ${error.message}`)),
    );
  });
}
