import type { DeviceSample } from '../../../../shared/device-sample';
import { parseBattery } from '../parse/battery';
import { parseProcessMemory } from '../parse/proc-memory';
import { parseThermalService } from '../parse/thermal';
import { runShell, type ShellTransport } from '../shell/device-shell';

export type { DeviceSample };

/** What to sample and how often. */
export interface SamplerOptions {
  pid?: number;
  /** Milliseconds between samples (default 1000, at least 100). */
  intervalMs?: number;
  signal?: AbortSignal;
}

async function stdoutOf(device: ShellTransport, program: string, args: string[]) {
  const result = await runShell(device, program, args, { timeoutMs: 10_000 });
  return result.ok && result.value.exitCode === 0 ? result.value.stdout : null;
}

/** Reads one sample: the reads run in parallel. */
export async function readSample(device: ShellTransport, pid: number | undefined, tMs: number) {
  const proc = pid === undefined ? null : `/proc/${pid}`;
  const [status, rollup, thermal, battery] = await Promise.all([
    proc ? stdoutOf(device, 'cat', [`${proc}/status`]) : null,
    proc ? stdoutOf(device, 'cat', [`${proc}/smaps_rollup`]) : null,
    stdoutOf(device, 'dumpsys', ['thermalservice']),
    stdoutOf(device, 'dumpsys', ['battery']),
  ]);
  return {
    tMs,
    memory: status === null ? null : parseProcessMemory(status, rollup ?? ''),
    thermal: thermal === null ? null : parseThermalService(thermal),
    battery: battery === null ? null : parseBattery(battery),
  } satisfies DeviceSample;
}

/**
 * Samples a phone at a fixed rate as an async stream: memory of `pid` (VmRSS, VmHWM, RssAnon,
 * RssFile, Pss), thermal status and battery. Ends on abort, or once the watched process is gone:
 * its last sample, the first without memory, says so.
 */
export async function* sampleDevice(
  device: ShellTransport,
  options: SamplerOptions = {},
): AsyncGenerator<DeviceSample> {
  const interval = Math.max(100, options.intervalMs ?? 1000);
  const started = performance.now();
  for (let tick = 0; !options.signal?.aborted; tick++) {
    const sample = await readSample(device, options.pid, Math.round(performance.now() - started));
    yield sample;
    if (options.pid !== undefined && sample.memory === null) return;
    const wait = started + (tick + 1) * interval - performance.now();
    if (wait > 0) await sleep(wait, options.signal);
  }
}

/** Waits `ms`, or less when `signal` aborts first (it resolves either way). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
