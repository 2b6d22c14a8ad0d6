import type { RunSample } from '../../../shared/run';
import type { EmulatedPhone } from '../../emulator/emulated-phone';
import type { RunFarm, WatchedRun } from './testing-run-farm';

/** The run request the failure tests share: the demo model, small scenario, sampling on. */
export const smallRun = {
  model: 'builtin:edge-infinite-tiny',
  scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
  quant: 'float',
  accuracyPrompts: 0,
  warmup: 0,
} as const;

/** Resolves with the first streamed sample `matches` accepts; rejects after `timeoutMs`. */
export async function waitForSample(
  run: WatchedRun,
  matches: (sample: RunSample) => boolean,
  timeoutMs = 60_000,
): Promise<RunSample> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = run.batches.flatMap((batch) => batch.samples).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such sample of run ${run.runId} in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The streamed samples of a run so far, in order. */
export const streamedOf = (run: WatchedRun): RunSample[] =>
  run.batches.flatMap((batch) => batch.samples);

/** Whether a sample is a runner event of kind `ev`. */
export const isEvent = (ev: string) => (sample: RunSample) =>
  sample.kind === 'runner' && sample.event.ev === ev;

/** The studio's own log lines of a run, as stored. */
export async function studioLog(farm: RunFarm, runId: string): Promise<string[]> {
  const stored = await farm.studio.invoke('run:samples', { runId, limit: 50_000 });
  if (!stored.ok) throw new Error(stored.error.message);
  return stored.value.samples.flatMap((sample) =>
    sample.kind === 'log' && sample.source === 'studio' ? [sample.line] : [],
  );
}

/** A process on the phone as its own `ps -A` and `/proc/<pid>/cmdline` show it. */
export interface PhoneProcessView {
  pid: number;
  argv: string[];
}

/** The shell user's processes on the phone whose argv mentions `edge-runner`. */
export async function runnersOnPhone(phone: EmulatedPhone): Promise<PhoneProcessView[]> {
  const ps = await phone.runShell('ps -A');
  const rows = ps.stdout.split('\n').slice(1);
  const pids = rows.flatMap((row) => {
    const [user, pid] = row.trim().split(/\s+/);
    return user === 'shell' && pid ? [Number(pid)] : [];
  });
  const found: PhoneProcessView[] = [];
  for (const pid of pids) {
    const cmdline = await phone.runShell(`cat /proc/${pid}/cmdline`);
    const argv = cmdline.stdout.split('\0').filter((arg) => arg !== '');
    if (cmdline.status === 0 && argv.some((arg) => arg.includes('edge-runner'))) {
      found.push({ pid, argv });
    }
  }
  return found;
}
