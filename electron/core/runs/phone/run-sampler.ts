import type { RunDeviceSample } from '../../../../shared/run';
import { sleep } from '../../devices/sampling/device-sampler';
import { parseBattery } from '../../devices/parse/battery';
import { parseCpuList } from '../../devices/parse/cpu-list';
import { parseHeadFiles } from '../../devices/parse/head-files';
import { parseBatteryPower } from '../../devices/parse/power-supply';
import { parseProcessMemory } from '../../devices/parse/proc-memory';
import { parseThermalService } from '../../devices/parse/thermal';
import { quoteArgument } from '../../devices/shell/android-quote';
import { runShell, type ShellTransport } from '../../devices/shell/device-shell';
import { validPid } from './runner-pid';

/** What to sample, how often, and how often the dearer reads run. */
export interface RunSamplerOptions {
  pid: number;
  /** Milliseconds between samples (default 250: 4 Hz; at least 50). */
  intervalMs?: number;
  /** `dumpsys thermalservice` every this many samples (default 1: every sample). */
  thermalEvery?: number;
  /** `dumpsys battery` and `smaps_rollup` every this many samples (default 4: 1 Hz). */
  slowEvery?: number;
  signal?: AbortSignal;
  /** Clock of the sample times (default `performance.now`). */
  now?: () => number;
}

/** One outside sample of the runner, with the time it was taken on the sampler's clock. */
export interface TimedDeviceSample {
  tMs: number;
  sample: RunDeviceSample;
}

const supply = '/sys/class/power_supply/battery';

/**
 * Samples a runner from outside at a fixed rate, as an async stream. Each sample is one `head` of
 * several files (status, cpufreq of each present CPU, battery current/voltage/status, and on slow
 * samples smaps_rollup) then `dumpsys thermalservice`, in one shell: one adb round trip (each
 * costs the host an adb connection while the runner runs beside it, on a phone farm's host). What
 * costs the phone: `dumpsys` starts a process and a binder call into system_server (tens of ms of
 * CPU on a phone), and smaps_rollup walks the runner's page tables under its mmap lock (it can
 * stall the runner's own page faults). Thermal status exists only through thermalservice and the
 * run wants it per sample (the issue asks 4 Hz for thermal): so it runs every sample by default,
 * while battery (slow to change) and PSS run at 1 Hz; a field not read on a sample is null, never
 * carried over. The sampling-perturbation benchmark measures this; `thermalEvery` / `slowEvery`
 * lower it. Ends on abort, when the link drops (or a read stalls 10 s), or once the runner is
 * gone: its last sample, the first without memory, says so.
 */
export async function* sampleRun(
  device: ShellTransport,
  options: RunSamplerOptions,
): AsyncGenerator<TimedDeviceSample> {
  if (!validPid(options.pid).ok) return;
  const now = options.now ?? (() => performance.now());
  const interval = Math.max(50, options.intervalMs ?? 250);
  const cpus = await presentCpus(device);
  if (cpus === 'lost') return;
  const started = performance.now();
  for (let tick = 0; !options.signal?.aborted; tick++) {
    const tMs = now();
    const sample = await readRunSample(device, options.pid, cpus, {
      thermal: tick % Math.max(1, options.thermalEvery ?? 1) === 0,
      slow: tick % Math.max(1, options.slowEvery ?? 4) === 0,
    });
    if (sample === null || options.signal?.aborted) return;
    yield { tMs, sample };
    if (sample.memory === null) return;
    const wait = started + (tick + 1) * interval - performance.now();
    if (wait > 0) await sleep(wait, options.signal);
  }
}

/** The CPUs to read frequencies of (`present`), read once per run; `lost` when the link is. */
export async function presentCpus(device: ShellTransport): Promise<number[] | 'lost'> {
  const read = await runShell(device, 'cat', ['/sys/devices/system/cpu/present']);
  if (!read.ok) return 'lost';
  return read.value.exitCode === 0 ? (parseCpuList(read.value.stdout) ?? []) : [];
}

/** What a sample reads beside the per-sample files. */
export interface SampleReads {
  thermal: boolean;
  slow: boolean;
}

/** Reads one sample (null when the link dropped). */
export async function readRunSample(
  device: ShellTransport,
  pid: number,
  cpus: readonly number[],
  reads: SampleReads,
): Promise<RunDeviceSample | null> {
  const proc = `/proc/${pid}`;
  const freq = cpus.map((cpu) => `/sys/devices/system/cpu/cpu${cpu}/cpufreq/scaling_cur_freq`);
  const power = [`${supply}/current_now`, `${supply}/voltage_now`, `${supply}/status`];
  const paths = [
    `${proc}/status`,
    ...(reads.slow ? [`${proc}/smaps_rollup`] : []),
    ...freq,
    ...power,
  ];
  const dumps = [
    ...(reads.thermal ? [dumpsysSections.thermal] : []),
    ...(reads.slow ? [dumpsysSections.battery] : []),
  ];
  const read = await runShell(device, 'sh', ['-c', sampleScript(paths, dumps)], {
    timeoutMs: 10_000,
  });
  if (!read.ok) return null;
  const text = parseHeadFiles(read.value.stdout, [...paths, ...dumps.map((dump) => dump.header)]);
  const dumped = (dump: (typeof dumpsysSections)[keyof typeof dumpsysSections]) =>
    dumps.includes(dump) ? (text.get(dump.header) ?? '') : null;
  const status = text.get(`${proc}/status`);
  const thermal = dumped(dumpsysSections.thermal);
  const battery = dumped(dumpsysSections.battery);
  return {
    memory:
      status === undefined ? null : parseProcessMemory(status, text.get(`${proc}/smaps_rollup`)),
    thermal: thermal === null ? null : parseThermalService(thermal),
    battery: battery === null ? null : parseBattery(battery),
    cpuFreqKhz: freq.map((path) => khzOf(text.get(path))),
    power: parseBatteryPower(text.get(power[0]!), text.get(power[1]!), text.get(power[2]!)),
  };
}

/** The dumpsys services a sample may read, each under a header no file path has. */
const dumpsysSections = {
  thermal: { service: 'thermalservice', header: '@dumpsys thermalservice' },
  battery: { service: 'battery', header: '@dumpsys battery' },
} as const;

/**
 * One sample's shell line: `head` of the files, then each dumpsys after a header in head's own
 * `==> NAME <==` form (and the blank line head puts between files), so one parse splits all.
 */
function sampleScript(
  paths: readonly string[],
  dumps: readonly { service: string; header: string }[],
): string {
  const sections = dumps.map(
    ({ service, header }) => `echo; echo ${quoteArgument(`==> ${header} <==`)}; dumpsys ${service}`,
  );
  return [`head -n 200 ${paths.map(quoteArgument).join(' ')}`, ...sections].join('; ');
}

function khzOf(text: string | undefined): number | null {
  const trimmed = text?.trim() ?? '';
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}
