import type { ProfileInput } from '../../shared/profile';
import type { RunRecord } from '../../shared/run';
import type { SweepDetails } from '../../shared/sweep';
import { startRunFarm } from '../core/runs/testing-run-farm';
import { sweepEnded } from '../core/sweeps/testing-sweep-farm';
import type { Benchmark } from './benchmark';

/** 4 chunks × 2 windows × 2 memory settings: 16 configurations, each on every phone. */
const profile: ProfileInput = {
  version: 1,
  name: 'farm-efficiency',
  model: 'builtin:edge-infinite-tiny',
  accuracyPrompts: 0,
  grid: { chunk: [8, 16, 24, 32], sink: [4], window: [64, 96], memory: ['on', 'off'] },
  warmup: 0,
  repetitions: 1,
  gate: { timeoutMs: 5000 },
  devices: { emulated: true },
  retries: 1,
};

const presets = ['sd8gen3', 'sd8gen3', 'tensorg3', 'dimensity9300'];

/** A sweep's runs, and how busy they kept the slots the scheduler allows. */
interface Busy {
  fraction: number;
  /** Runs' wall time over the slots between the first run's start and the last one's end. */
  runPhase: number;
  sweepMs: number;
  runMs: number;
  planMs: number;
}

/**
 * Σ(run wall time, `createdAt` → `endedAt` as stored) over (allowed concurrency × the sweep's
 * wall time, its `createdAt` → `endedAt`): every moment a slot stands idle — planning, handing
 * out the next run, a tail with fewer runs than slots — counts against it.
 */
export function busyFraction({ sweep }: SweepDetails, runs: readonly RunRecord[]): Busy {
  const spans = runs.map((run) => ({ from: run.createdAt, to: run.endedAt ?? run.createdAt }));
  const runMs = spans.reduce((sum, span) => sum + span.to - span.from, 0);
  const slots = sweep.concurrency ?? 1;
  const sweepMs = (sweep.endedAt ?? Date.now()) - sweep.createdAt;
  const first = Math.min(...spans.map((span) => span.from));
  const last = Math.max(...spans.map((span) => span.to));
  return {
    fraction: runMs / (slots * sweepMs),
    runPhase: runMs / (slots * (last - first)),
    sweepMs,
    runMs,
    planMs: first - sweep.createdAt,
  };
}

/**
 * farm-efficiency: a sweep of 16 configurations on 4 emulated phones (64 runs) through the real
 * stack — adb server, emulated phones, the studio core — and the busy fraction of the slots the
 * scheduler allows on this host (the sweep's `concurrency`: its cores, on an emulated farm).
 * Goal ≥ 0.90: it measures the scheduler's idle gaps, not how fast a run is under contention.
 */
export const farmEfficiency: Benchmark = {
  name: 'farm-efficiency',
  description: '16 configurations on 4 emulated phones: Σ run wall time / (allowed concurrency × sweep wall time)',
  async run() {
    const farm = await startRunFarm(presets);
    try {
      const started = await farm.studio.invoke('sweep:start', { profile });
      if (!started.ok) throw new Error(started.error.message);
      const details = await sweepEnded(farm.studio, started.value.sweepId, 600_000);
      const { sweep } = details;
      if (sweep.state !== 'finished' || sweep.counts.done !== 64) {
        throw new Error(`sweep ${sweep.state}: ${JSON.stringify(sweep.counts)}`);
      }
      const runs = await farm.studio.invoke('run:list', { sweepId: sweep.id });
      if (!runs.ok) throw new Error(runs.error.message);
      const busy = busyFraction(details, runs.value.runs);
      const seconds = (ms: number) => (ms / 1000).toFixed(1);
      console.log(
        `  ${runs.value.runs.length} runs, ${sweep.concurrency} at once: Σ run ${seconds(busy.runMs)} s in a ${seconds(busy.sweepMs)} s sweep (${seconds(busy.planMs)} s before the first run); busy between the first run and the last: ${busy.runPhase.toFixed(3)}`,
      );
      return { value: busy.fraction, unit: '', goal: { op: '>=', value: 0.9 } };
    } finally {
      await farm.stop();
    }
  },
};
