import type { ErrorCode, Result, StudioError } from '../../../../shared/result';
import type { RunnerErrorCode, RunnerEvent } from '../../../../shared/runner-events';

/** Everything known about a runner once it stopped. */
export interface RunnerEnding {
  /** The launch: its exit, or the shell helper's error (`disconnected`, `timeout`, `cancelled`). */
  launch: Result<{ exitCode: number; stderrTail: readonly string[] }>;
  /** Its events, in order (only `done` and `error` matter here). */
  events: readonly RunnerEvent[];
  pid: number | null;
  /** logcat lines captured during the run. */
  logcat: readonly string[];
  /** The last memory sampled from outside (or from its `mem` events), kB. */
  lastMemory: { vmRssKb: number; vmHwmKb: number } | null;
  /** The studio stopped it (a stop, not a crash). */
  stopped?: boolean;
}

/** How a run's runner failed, as a studio error plus what the run keeps about it. */
export interface RunnerFailure {
  error: StudioError;
  /** The runner's own code: from its `error` line, or `out-of-memory` for a low-memory kill. */
  runnerCode: RunnerErrorCode | null;
  /** For out-of-memory: the RSS it reached (kB). */
  rssKb: number | null;
  stderrTail: readonly string[];
  logcatTail: readonly string[];
}

/** Lines of stderr and logcat a failure keeps. */
const keptLines = 20;

/**
 * Classifies how a runner ended: `done` and exit 0 is success (null); an `error` line is that
 * code and message; SIGKILL (137) with a low-memory-killer line for its pid is out-of-memory with
 * the RSS it reached; a link that dropped or stalled mid-run is `device-lost`; a stop is
 * `cancelled`; anything else is `command-failed` with the last stderr and logcat lines. Pure.
 */
export function classifyRunnerExit(ending: RunnerEnding): RunnerFailure | null {
  const logcatTail = ending.logcat.slice(-keptLines);
  const stderrTail = ending.launch.ok ? ending.launch.value.stderrTail.slice(-keptLines) : [];
  const failure = (
    code: ErrorCode,
    message: string,
    runnerCode: RunnerErrorCode | null = null,
  ) => ({
    error: { code, message },
    runnerCode,
    rssKb: null,
    stderrTail,
    logcatTail,
  });
  if (!ending.launch.ok) {
    const { code, message } = ending.launch.error;
    if (code === 'cancelled') return failure('cancelled', 'the run was cancelled');
    return failure('device-lost', `the phone went away during the run (${message})`);
  }
  const { exitCode } = ending.launch.value;
  const error = ending.events.findLast((event) => event.ev === 'error');
  if (error?.ev === 'error') return failure(studioCode(error.code), error.message, error.code);
  if (exitCode === 0 && ending.events.some((event) => event.ev === 'done')) return null;
  if (exitCode === 137 && ending.pid !== null && lowMemoryKill(ending.logcat, ending.pid)) {
    const rssKb = reachedRss(ending);
    const mib = rssKb === null ? 'unknown' : `${Math.round(rssKb / 1024)} MiB`;
    const message = `out of memory: the phone's low-memory killer killed the runner at ${mib} RSS`;
    return { ...failure('out-of-memory', message, 'out-of-memory'), rssKb };
  }
  if ((exitCode === 143 || exitCode === 137) && ending.stopped)
    return failure('cancelled', 'the run was stopped');
  const last = stderrTail.at(-1) ?? logcatTail.at(-1) ?? 'no output';
  return failure('command-failed', `the runner exited ${exitCode}${signalName(exitCode)}: ${last}`);
}

/** The studio code of a runner error code. */
function studioCode(code: RunnerErrorCode): ErrorCode {
  if (code === 'cancelled') return 'cancelled';
  if (code === 'out-of-memory') return 'out-of-memory';
  if (code === 'usage' || code === 'plan-invalid' || code === 'prompt-invalid')
    return 'invalid-args';
  if (code === 'graph-invalid' || code === 'graph-mismatch') return 'invalid-model';
  if (code === 'internal') return 'internal';
  return 'command-failed';
}

/** lmkd's `Kill 'name' (pid)`, the old in-kernel LMK's `Killing 'name' (pid)`, the OOM killer's. */
export function lowMemoryKill(logcat: readonly string[], pid: number): string | null {
  for (const line of logcat) {
    const lmk = /lowmemorykiller: Kill(?:ing)? '[^']*' \((\d+)\)/.exec(line);
    const oom = /Out of memory: Kill(?:ed)? process (\d+)/.exec(line);
    if (Number((lmk ?? oom)?.[1]) === pid) return line;
  }
  return null;
}

/**
 * The RSS the runner reached: the largest of the last sampled VmHWM and VmRSS and the RSS the
 * kill line says it freed (taken at the kill, after the last sample).
 */
function reachedRss(ending: RunnerEnding): number | null {
  const line = lowMemoryKill(ending.logcat, ending.pid!) ?? '';
  const freed = /to free (\d+)kB/.exec(line);
  const figures = [
    ...(ending.lastMemory ? [ending.lastMemory.vmHwmKb, ending.lastMemory.vmRssKb] : []),
    ...(freed ? [Number(freed[1])] : []),
  ];
  return figures.length > 0 ? Math.max(...figures) : null;
}

function signalName(exitCode: number): string {
  const names: Record<number, string> = {
    134: 'SIGABRT',
    135: 'SIGBUS',
    137: 'SIGKILL',
    139: 'SIGSEGV',
    143: 'SIGTERM',
  };
  return names[exitCode] ? ` (${names[exitCode]})` : '';
}
