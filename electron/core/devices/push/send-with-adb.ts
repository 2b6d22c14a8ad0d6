import { spawn } from 'node:child_process';
import { processFailureCode } from '../../../../shared/process-failure';
import { fail, ok, type Result } from '../../../../shared/result';
import { adbServerArgs } from '../adb-server';
import { isLoopbackHost } from '../loopback-host';
import { followReadPosition } from './read-position';

/** How to reach one phone with the adb binary: which binary, which server, which phone. */
export interface AdbDeviceTarget {
  adbPath: string;
  host: string;
  port: number;
  serial: string;
}

/** Polls the size of the file being written, for progress (adbkit's `stat`). */
export type RemoteSize = (path: string) => PromiseLike<number | null>;

/** Where `/proc` shows how far adb has read the file, progress costs nothing on the link. */
const localProgress = process.platform === 'linux';

/**
 * Sends a file with `adb push` itself (argument array, no shell): adb's own sync client is
 * faster than adbkit's, so the data path is adb's. Progress is how far adb has read the file
 * (Linux), else the size of the file on the phone, polled; an abort kills adb; a non-zero exit
 * is DEVICE_LOST.
 */
export function sendWithAdb(
  target: AdbDeviceTarget,
  file: string,
  remotePath: string,
  options: {
    signal?: AbortSignal;
    onBytes?: (bytes: number) => void;
    remoteSize?: RemoteSize;
  } = {},
): Promise<Result<void>> {
  if (options.signal?.aborted) return Promise.resolve(fail('cancelled', 'push cancelled'));
  const args = [
    ...adbServerArgs({ ...target, local: isLoopbackHost(target.host) }),
    '-s',
    target.serial,
    'push',
    file,
    remotePath,
  ];
  const child = spawn(target.adbPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const readPosition =
    localProgress && child.pid !== undefined ? followReadPosition(child.pid, file) : null;
  const progress = (): PromiseLike<number | null | undefined> =>
    readPosition ? readPosition() : Promise.resolve(options.remoteSize?.(remotePath));
  let finished = false;
  const poll = setInterval(
    () => {
      void progress().then(
        // A poll still in flight when adb exits must not report after the push moved on.
        (bytes) => !finished && typeof bytes === 'number' && options.onBytes?.(bytes),
        () => undefined,
      );
    },
    localProgress ? 250 : 500,
  );
  const onAbort = () => child.kill('SIGTERM');
  options.signal?.addEventListener('abort', onAbort);
  return new Promise((resolve) => {
    child.on('error', (error) =>
      finish(fail(processFailureCode(error), `adb push: ${error.message}`)),
    );
    child.on('exit', (code, signal) => {
      // Ctrl-C in a terminal reaches adb too (same process group): that is a cancel as well.
      const interrupted = signal === 'SIGINT' || signal === 'SIGTERM';
      if (options.signal?.aborted || interrupted)
        return finish(fail('cancelled', 'push cancelled'));
      if (code === 0) return finish(ok(undefined));
      const why = stderr.trim() || (signal ? `killed by ${signal}` : `exit ${code}`);
      finish(fail('device-lost', `DEVICE_LOST: adb push: ${why}`));
    });
    function finish(result: Result<void>) {
      finished = true;
      clearInterval(poll);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    }
  });
}
