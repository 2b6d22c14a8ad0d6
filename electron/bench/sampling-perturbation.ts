import { readFileSync, readdirSync } from 'node:fs';
import { median } from 'simple-statistics';
import type { RunRequestInput } from '../../shared/run';
import { bootstrapMedianInterval } from '../core/runs/metrics/statistics';
import { startRunFarm } from '../core/runs/testing-run-farm';
import type { Benchmark } from './benchmark';
import { measuredTtfts, timedRun } from './studio-runs';

const pairs = 24;

/** A short timed pass: the demo model, a small scenario, several repetitions, no accuracy pass. */
export const perturbationRequest = {
  model: 'builtin:edge-infinite-tiny',
  scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
  quant: 'int8-channel',
  repetitions: 12,
  warmup: 1,
  decodeTokens: 8,
  accuracyPrompts: 0,
} as const satisfies Omit<RunRequestInput, 'device'>;

/**
 * What the outside samplers cost the runner: the median TTFT of a studio run on an emulated
 * x86-64 phone with sampling at 4 Hz over that of the same run with sampling off, 24 interleaved
 * pairs (order alternating), each run 12 measured repetitions. The figure is the median of the
 * per-repetition ratios (repetition k of one run of a pair over repetition k of the other) with a
 * seeded bootstrap 95 % CI; the per-run medians' ratio is printed beside it. Goal ≤ 1.02 (≤ 2 % slowdown). On this host the
 * emulator, the adb server and the studio share the runner's cores, so a sample's host-side work
 * (two adb round trips, a `head` and a `dumpsys` process) weighs here as it would not on a phone.
 */
export const samplingPerturbation: Benchmark = {
  name: 'sampling-perturbation',
  description: `studio TTFT with outside sampling at 4 Hz / off, emulated phone, ${pairs} pairs of ${perturbationRequest.repetitions}-repetition runs`,
  async run() {
    const farm = await startRunFarm(['sd8gen3']);
    try {
      const request = (sampling: boolean): RunRequestInput => ({
        ...perturbationRequest,
        device: farm.keyOf(0),
        sampling,
        sampleIntervalMs: 250,
      });
      const adbPid = adbServerPid(farm.server.port);
      const once = async (sampling: boolean) => {
        const cpu = process.cpuUsage();
        const adbCpu = adbPid === null ? 0 : cpuMsOf(adbPid);
        const run = await timedRun(farm, request(sampling));
        const { user, system } = process.cpuUsage(cpu);
        const cpuMs = {
          studio: (user + system) / 1000,
          adb: adbPid === null ? 0 : cpuMsOf(adbPid) - adbCpu,
        };
        const ttfts = await measuredTtfts(farm, run.record.id);
        const samples = await deviceSamples(farm, run.record.id);
        return { ttft: median(ttfts), ttfts, samples, cpuMs };
      };
      // Builds and pushes everything, warms the page cache and the connections: not counted.
      await once(true);
      await once(false);
      const on: Awaited<ReturnType<typeof once>>[] = [];
      const off: typeof on = [];
      for (let i = 0; i < pairs; i++) {
        const order = i % 2 === 0 ? [true, false] : [false, true];
        for (const sampling of order) (sampling ? on : off).push(await once(sampling));
      }
      // Repetition k of a sampled run against repetition k of its unsampled pair: same place in
      // the run (same warm state): 12 pairs a pair of runs; the per-run medians' ratio beside it.
      const logRatios = on.flatMap((run, i) =>
        run.ttfts.map((ttft, k) => Math.log(ttft / off[i]!.ttfts[k]!)),
      );
      const ratio = Math.exp(median(logRatios));
      const [low, high] = bootstrapMedianInterval(logRatios, { seed: 1 }).map(Math.exp);
      const runRatios = on.map((run, i) => Math.log(run.ttft / off[i]!.ttft));
      const [runLow, runHigh] = bootstrapMedianInterval(runRatios, { seed: 1 }).map(Math.exp);
      console.log(
        `  TTFT medians: sampled ${median(on.map((r) => r.ttft)).toFixed(1)} ms, unsampled ${median(off.map((r) => r.ttft)).toFixed(1)} ms; per-repetition ratio ${ratio.toFixed(3)}, 95 % CI [${low!.toFixed(3)}, ${high!.toFixed(3)}]; per-run ratio ${Math.exp(median(runRatios)).toFixed(3)} [${runLow!.toFixed(3)}, ${runHigh!.toFixed(3)}]`,
      );
      const perRun = median(on.map((run) => run.samples));
      // What one sample costs this host's CPU: the studio process (the emulated phone's head and
      // dumpsys run in it too) and the adb server, sampled runs over unsampled ones.
      const extra = (of: 'studio' | 'adb') =>
        (median(on.map((run) => run.cpuMs[of])) - median(off.map((run) => run.cpuMs[of]))) /
        Math.max(1, perRun);
      console.log(
        `  ${perRun} outside samples a run; host CPU a sample: studio + emulated phone ${extra('studio').toFixed(1)} ms, adb server ${extra('adb').toFixed(1)} ms`,
      );
      return {
        value: ratio,
        unit: '×',
        goal: { op: '<=', value: 1.02 },
      };
    } finally {
      await farm.stop();
    }
  },
};

async function deviceSamples(farm: Awaited<ReturnType<typeof startRunFarm>>, runId: string) {
  const stored = await farm.studio.invoke('run:samples', { runId, limit: 50_000 });
  if (!stored.ok) throw new Error(stored.error.message);
  return stored.value.samples.filter((sample) => sample.kind === 'device').length;
}

/** The pid of the adb server listening on `port` (its `-L tcp:PORT fork-server`), if found. */
function adbServerPid(port: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (() => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      } catch {
        return [];
      }
    })();
    if (args.includes('fork-server') && args.includes(`tcp:${port}`)) return Number(entry);
  }
  return null;
}

/** User + system CPU ms of a process so far (clock ticks of /proc/PID/stat, 100 a second). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
