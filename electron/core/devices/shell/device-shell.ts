import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fail, ok, type Result } from '../../../../shared/result';
import { commandLine } from './android-quote';
import {
  parseSentinelOutput,
  SentinelStream,
  sentinelCommand,
  type ShellOutput,
} from './shell-sentinel';

/** What the shell helper needs of a device: adbkit's `DeviceClient` fits. */
export interface ShellTransport {
  shell(command: string): PromiseLike<Duplex>;
}

/** Options of one shell run. */
export interface ShellOptions {
  /** Milliseconds before the command is abandoned (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with stdout as it arrives (stderr comes once the command ended). */
  onStdout?: (text: string) => void;
}

/**
 * Runs `program` with `args` on the device: every argument quoted for Android's sh, stdout and
 * stderr apart and a reliable exit code through a sentinel over the legacy shell. A timeout,
 * an abort and a dropped link come back as error values; a non-zero exit is a normal result.
 */
export async function runShell(
  device: ShellTransport,
  program: string,
  args: readonly string[] = [],
  options: ShellOptions = {},
): Promise<Result<ShellOutput>> {
  const line = commandLine(program, args);
  if (!line.ok) return line;
  const command = sentinelCommand(line.value, randomBytes(8).toString('hex'));
  let stream: Duplex;
  try {
    stream = await device.shell(command.line);
  } catch (error) {
    return fail('disconnected', `shell ${program}: ${(error as Error).message}`);
  }
  const output = await collect(stream, command.marker, options);
  if (!output.ok) return output;
  const parsed = parseSentinelOutput(output.value, command.marker);
  return parsed ? ok(parsed) : fail('disconnected', `shell ${program}: the device went away`);
}

/** Reads the whole stream, forwarding stdout, until it ends, times out or is aborted. */
function collect(stream: Duplex, marker: string, options: ShellOptions): Promise<Result<string>> {
  const decoder = new StringDecoder('utf8');
  const live = new SentinelStream(marker);
  const parts: string[] = [];
  let settled = false;
  return new Promise((resolve) => {
    const finish = (result: Result<string>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      stream.destroy();
      resolve(result);
    };
    const onAbort = () => finish(fail('cancelled', 'the shell command was cancelled'));
    const timer = setTimeout(
      () => finish(fail('timeout', `timed out after ${options.timeoutMs ?? 30_000} ms`)),
      options.timeoutMs ?? 30_000,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    stream.on('data', (chunk: Buffer) => {
      const text = decoder.write(chunk);
      parts.push(text);
      const forward = live.push(text);
      if (forward && options.onStdout) options.onStdout(forward);
    });
    stream.on('end', () => finish(ok(parts.join('') + decoder.end())));
    stream.on('error', (error) => finish(fail('disconnected', error.message)));
  });
}
