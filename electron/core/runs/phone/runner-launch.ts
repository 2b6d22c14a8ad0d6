import { ok, type Result } from '../../../../shared/result';
import { parseRunnerLine, type RunnerEvent } from '../../../../shared/runner-events';
import { runShell, type ShellTransport } from '../../devices/shell/device-shell';
import { LineSplitter } from './line-splitter';

/** setTimeout's largest delay (~24.8 days): "no timeout" for a run, which can be long. */
const noTimeoutMs = 2_147_483_647;

/** What a launch reports as it goes, and how it may be cut short. */
export interface LaunchOptions {
  /** Each runner event as it arrives, with its arrival time on `now`'s clock. */
  onEvent(event: RunnerEvent, arrivalMs: number): void;
  /** Each stdout line that is not a contract event (counted, never fatal). */
  onMalformed?(line: string): void;
  /** Stops waiting for the runner; the runner itself is left to `stopRunner`. */
  signal?: AbortSignal;
  /** Milliseconds before waiting is abandoned (default: none). */
  timeoutMs?: number;
  /** stderr lines kept (the last ones; default 50). */
  stderrLines?: number;
  /** Clock of the arrival times (default `performance.now`). */
  now?: () => number;
}

/** How a launched runner ended. */
export interface RunnerExit {
  exitCode: number;
  /** The last `stderrLines` lines of its stderr. */
  stderrTail: string[];
  /** From its `hello` event; null when it never said hello. */
  pid: number | null;
  /** stdout lines that were not contract events. */
  malformed: number;
}

/**
 * Runs a launch line (`deviceLaunchLine`) on the phone and streams its stdout through
 * `parseRunnerLine`. The line runs under `sh -c`, quoted as one argument: it ends in `exec`, which
 * replaces the shell it runs in, and the exit marker of the shell helper must run after it in the
 * outer one. A dropped link comes back as `disconnected` (the caller reports the phone lost), an
 * abort as `cancelled`, a non-zero exit as a normal exit.
 */
export async function launchRunner(
  device: ShellTransport,
  line: string,
  options: LaunchOptions,
): Promise<Result<RunnerExit>> {
  const now = options.now ?? (() => performance.now());
  const splitter = new LineSplitter();
  let pid: number | null = null;
  let malformed = 0;
  const take = (lines: string[]) => {
    const arrival = now();
    for (const text of lines) {
      const parsed = parseRunnerLine(text);
      if (!parsed.ok) {
        malformed++;
        options.onMalformed?.(text);
        continue;
      }
      if (parsed.value.ev === 'hello') pid = parsed.value.pid;
      options.onEvent(parsed.value, arrival);
    }
  };
  const result = await runShell(device, 'sh', ['-c', line], {
    timeoutMs: options.timeoutMs ?? noTimeoutMs,
    signal: options.signal,
    onStdout: (text) => take(splitter.push(text)),
  });
  if (!result.ok) return result;
  take(splitter.end());
  const stderrTail = new LineSplitter().push(`${result.value.stderr}\n`);
  return ok({
    exitCode: result.value.exitCode,
    stderrTail: stderrTail.slice(-(options.stderrLines ?? 50)),
    pid,
    malformed,
  });
}
