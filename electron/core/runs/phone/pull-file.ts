import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fail, ok, type Result } from '../../../../shared/result';

/** What pulling needs of a device: adbkit's `DeviceClient` (`stat`, `pull`) fits. */
export interface PullDevice {
  stat(path: string): PromiseLike<{ size: number }>;
  pull(path: string): PromiseLike<Readable>;
}

/**
 * Copies `remotePath` on the phone to `localPath` through the sync service, answering the bytes
 * written. It STATs first: adbkit ends a pull's stream on the phone's FAIL and only then emits
 * the error, so a missing file would otherwise look like an empty one; the size also proves the
 * copy whole. Missing is `not-found`, a short copy or a dropped link `disconnected`; a partial
 * local file is removed.
 */
export async function pullFile(
  device: PullDevice,
  remotePath: string,
  localPath: string,
): Promise<Result<{ bytes: number }>> {
  const size = await Promise.resolve(device.stat(remotePath)).then(
    (stats) => stats.size,
    () => null,
  );
  if (size === null) return fail('not-found', `no file ${remotePath} on the phone`);
  let bytes = 0;
  let failure: unknown = null;
  try {
    const transfer = await device.pull(remotePath);
    transfer.on('error', (error: unknown) => (failure ??= error));
    transfer.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(transfer, createWriteStream(localPath));
    await nextTurn();
  } catch (error) {
    failure ??= error;
  }
  if (failure === null && bytes === size) return ok({ bytes });
  await rm(localPath, { force: true });
  const reason = failure instanceof Error ? failure.message : `${bytes} of ${size} bytes came`;
  return fail('disconnected', `pull ${remotePath}: ${reason}`);
}
