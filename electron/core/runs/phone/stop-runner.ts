import { fail, ok, type Result } from '../../../../shared/result';
import { parsePs } from '../../devices/parse/ps';
import { runShell, type ShellTransport } from '../../devices/shell/device-shell';
import { validPid } from './runner-pid';

/** How a runner was stopped. */
export interface StopOutcome {
  /** `gone`: it had exited already; `terminated`: SIGTERM did it; `killed`: SIGKILL had to. */
  how: 'gone' | 'terminated' | 'killed';
  /** Milliseconds from the first signal to the process being gone. */
  waitedMs: number;
}

/** How long each step may take. */
export interface StopOptions {
  /** Wait after SIGTERM before SIGKILL (default 2000 ms: the runner exits 143 at once). */
  graceMs?: number;
  /** Between checks whether the process is gone (default 100 ms). */
  pollMs?: number;
}

/**
 * Stops a runner: `kill -TERM`, wait up to `graceMs` for it to go, then `kill -9`, then checks
 * it is gone. A process whose `/proc/<pid>/status` reads as a zombie counts as gone: its parent
 * (the shell) reaps it. Fails with `command-failed` when it survives SIGKILL.
 */
export async function stopRunner(
  device: ShellTransport,
  pid: number,
  options: StopOptions = {},
): Promise<Result<StopOutcome>> {
  const checked = validPid(pid);
  if (!checked.ok) return checked;
  const started = performance.now();
  const waited = () => Math.round(performance.now() - started);
  const alive = await isAlive(device, pid);
  if (!alive.ok) return alive;
  if (!alive.value) return ok({ how: 'gone', waitedMs: 0 });
  const stepMs = options.pollMs ?? 100;
  const term = await signalAndWait(device, pid, '-TERM', options.graceMs ?? 2000, stepMs);
  if (!term.ok) return term;
  if (term.value) return ok({ how: 'terminated', waitedMs: waited() });
  const kill = await signalAndWait(device, pid, '-9', 1000, stepMs);
  if (!kill.ok) return kill;
  if (kill.value) return ok({ how: 'killed', waitedMs: waited() });
  return fail('command-failed', `process ${pid} is still there after kill -9`);
}

/** Sends `signal`, then polls; true once the process is gone within `waitMs`. */
async function signalAndWait(
  device: ShellTransport,
  pid: number,
  signal: '-TERM' | '-9',
  waitMs: number,
  pollMs: number,
): Promise<Result<boolean>> {
  const sent = await runShell(device, 'kill', [signal, String(pid)], { timeoutMs: 10_000 });
  if (!sent.ok) return sent;
  const deadline = performance.now() + waitMs;
  for (;;) {
    const alive = await isAlive(device, pid);
    if (!alive.ok || !alive.value) return alive.ok ? ok(true) : alive;
    if (performance.now() >= deadline) return ok(false);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Whether `pid` is a live process: its status file reads, and not as a zombie. */
export async function isAlive(device: ShellTransport, pid: number): Promise<Result<boolean>> {
  const read = await runShell(device, 'cat', [`/proc/${pid}/status`], { timeoutMs: 10_000 });
  if (!read.ok) return read;
  if (read.value.exitCode !== 0) return ok(false);
  return ok(!/^State:\s+[ZX]/m.test(read.value.stdout));
}

/**
 * Processes left of a run: those whose `/proc/<pid>/cmdline` names `planPath` (the run's own
 * plan file, so other runs and other programs never match), among the shell user's processes of
 * `ps -A`. Their pids; empty is "no process is left".
 */
export async function findRunnerProcesses(
  device: ShellTransport,
  planPath: string,
): Promise<Result<number[]>> {
  const ps = await runShell(device, 'ps', ['-A'], { timeoutMs: 10_000 });
  if (!ps.ok) return ps;
  if (ps.value.exitCode !== 0) return fail('command-failed', `ps -A: ${ps.value.stderr.trim()}`);
  const candidates = parsePs(ps.value.stdout).filter((row) => row.user === 'shell');
  const found: number[] = [];
  for (const { pid } of candidates) {
    const cmdline = await runShell(device, 'cat', [`/proc/${pid}/cmdline`], { timeoutMs: 10_000 });
    if (!cmdline.ok) return cmdline;
    if (cmdline.value.stdout.split('\0').includes(planPath)) found.push(pid);
  }
  return ok(found);
}
