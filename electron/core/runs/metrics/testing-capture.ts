import { readFileSync } from 'node:fs';
import type { ProcessMemoryReading } from '../../../../shared/device-sample';
import type { RunSample } from '../../../../shared/run';
import { runBundle, testBundle, writeDemoPlan } from '../../../runner/testing-runner';

/** The prompt of the captured demo run: 51 bytes, so 3 full chunks of 16 and one of 3. */
export const capturePrompt = Array.from(
  Buffer.from('The quick brown fox jumps over the lazy dog. Again!'),
);

/**
 * Runs the real x86-64 edge-runner on the demo model (1 warm-up, 4 measured repetitions, 4 decode
 * steps) and records what a run session would: each line on arrival (host ms since launch) and
 * the runner's `/proc` memory read from outside every few ms. No thermal, battery or power: the
 * host has none. Tests only.
 */
export async function captureDemoRun(dir: string): Promise<RunSample[]> {
  const bundle = await testBundle('x86_64');
  const overrides = { warmup: 1, repetitions: 4 };
  const { planPath } = await writeDemoPlan(dir, capturePrompt, overrides, { decodeTokens: 4 });
  const samples: RunSample[] = [];
  const push = (sample: DistributiveOmit<RunSample, 'i'>) =>
    samples.push({ ...sample, i: samples.length } as RunSample);
  let pid = 0;
  const launched = performance.now();
  const timer = setInterval(() => {
    const memory = pid ? readMemory(pid) : null;
    if (memory)
      push({
        kind: 'device',
        t: performance.now() - launched,
        throttled: false,
        sample: outside(memory),
      });
  }, 3);
  const run = await runBundle(bundle, [planPath], (event) => {
    if (event.ev === 'hello') pid = event.pid;
    push({ kind: 'runner', t: performance.now() - launched, event });
  });
  clearInterval(timer);
  if (run.status !== 0) throw new Error(`edge-runner failed: ${run.stderr.slice(0, 500)}`);
  return samples;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function outside(memory: ProcessMemoryReading) {
  return { memory, thermal: null, battery: null, cpuFreqKhz: [], power: null };
}

function readMemory(pid: number): ProcessMemoryReading | null {
  const status = readOrNull(`/proc/${pid}/status`);
  if (status === null) return null;
  const rollup = readOrNull(`/proc/${pid}/smaps_rollup`);
  const kb = (text: string | null, key: string) => {
    const match = text?.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
    return match ? Number(match[1]) : null;
  };
  const [vmRssKb, vmHwmKb] = [kb(status, 'VmRSS'), kb(status, 'VmHWM')];
  if (vmRssKb === null || vmHwmKb === null) return null;
  return {
    vmRssKb,
    vmHwmKb,
    rssAnonKb: kb(status, 'RssAnon'),
    rssFileKb: kb(status, 'RssFile'),
    pssKb: kb(rollup, 'Pss'),
  };
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // The runner exited between two samples.
    return null;
  }
}
