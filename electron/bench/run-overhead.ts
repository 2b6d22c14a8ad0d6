import { posix } from 'node:path';
import { median } from 'simple-statistics';
import type { RunRequestInput, RunSample } from '../../shared/run';
import { studioDir } from '../core/devices/push/cache-layout';
import { runFileNames } from '../core/runs/run-plan';
import { bundleDeviceDir } from '../core/runs/runtimes/bundle-push';
import { deviceLaunchLine } from '../core/runs/runtimes/runtime-bundle';
import { startRunFarm, type RunFarm } from '../core/runs/testing-run-farm';
import { runAdb } from '../emulator/phone-farm';
import { targetOf } from '../emulator/testing-adb';
import { testBundle } from '../runner/testing-runner';
import { hodgesLehmannInterval, type Benchmark } from './benchmark';
import { timedRun, type TimedRun } from './studio-runs';

/** Rounds of the three arms: a round's ratio swings ±10 % with the runner's speed on 2 cores. */
const pairs = 15;

/** Everything cached after the first run; no accuracy pass (the hand launch has none). */
const request = {
  model: 'builtin:edge-infinite-tiny',
  scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
  quant: 'int8-channel',
  repetitions: 5,
  warmup: 1,
  accuracyPrompts: 0,
} as const satisfies Omit<RunRequestInput, 'device'>;

/** The pass folder the hand launch runs from: as deep as a run's, so the plan's paths resolve. */
const handDir = posix.join(studioDir, 'runs', 'bench-by-hand', 'timed');

/**
 * A studio run's wall time (`run:start` to its end state) with everything cached — graphs built
 * and pushed, the bundle on the phone — over the same timed pass launched by hand: the plan and
 * prompt the studio ran, copied aside while it ran, and `adb -s SERIAL shell '<launch line>'`
 * with the real adb binary. Same repetitions; 15 rounds after one uncounted run of each arm, each
 * round the studio run, the studio run with sampling off and the hand launch in a rotated order;
 * the figure is the median of the per-round ratios of the studio run (sampling on, its default:
 * sampling is part of what a studio run is) over the hand launch. Goal ≤ 1.10. The studio runs
 * with `accuracyPrompts: 0`: the hand launch runs no accuracy pass. The unsampled arm's ratio is
 * printed beside it (on this 2-core host the samplers' host CPU slows the runner itself), with
 * where each studio run's time goes, from its state changes and streamed runner events.
 */
export const runOverhead: Benchmark = {
  name: 'run-overhead',
  description: `studio run wall time / the runner launched by hand over adb, everything cached, ${pairs} pairs`,
  async run() {
    const farm = await startRunFarm(['sd8gen3']);
    try {
      const { manifest } = await testBundle('x86_64');
      const launch = deviceLaunchLine(
        manifest,
        bundleDeviceDir(manifest),
        posix.join(handDir, runFileNames.plan),
      );
      if (!launch.ok) throw new Error(launch.error.message);
      await copyPlanOfRun(farm);
      const arms = {
        studio: () => studioRun(farm, true),
        unsampled: () => studioRun(farm, false),
        hand: () => handRun(farm, launch.value),
      };
      await arms.unsampled();
      await arms.hand();
      const runs = { studio: [] as Profiled[], unsampled: [] as Profiled[], hand: [] as number[] };
      // Each round runs the three in a rotated order, so drift weighs on each alike.
      const order = ['studio', 'unsampled', 'hand'] as const;
      for (let i = 0; i < pairs; i++) {
        for (let k = 0; k < order.length; k++) {
          const arm = order[(i + k) % order.length]!;
          if (arm === 'hand') runs.hand.push(await arms.hand());
          else runs[arm].push(await arms[arm]());
        }
      }
      const studios = runs.studio;
      const ratiosOf = (of: Profiled[]) => of.map((run, i) => run.wallMs / runs.hand[i]!);
      const ratioOf = (of: Profiled[]) => median(ratiosOf(of));
      const ratio = ratioOf(studios);
      const [low, high] = hodgesLehmannInterval(ratiosOf(studios));
      const wall = (of: Profiled[]) => median(of.map((run) => run.wallMs)).toFixed(0);
      console.log(
        `  studio run ${wall(studios)} ms (sampling off: ${wall(runs.unsampled)} ms), by hand ${median(runs.hand).toFixed(0)} ms (medians); per-pair ratio ${ratio.toFixed(3)} (median), Hodges–Lehmann estimate's 95 % CI [${low.toFixed(3)}, ${high.toFixed(3)}] (sampling off: ${ratioOf(runs.unsampled).toFixed(3)})`,
      );
      printProfile('sampled', studios);
      printProfile('unsampled', runs.unsampled);
      return { value: ratio, unit: '×', goal: { op: '<=', value: 1.1 } };
    } finally {
      await farm.stop();
    }
  },
};

/** A studio run with its wall time split at its state changes and runner events. */
interface Profiled extends TimedRun {
  /** ms after `run:start` at which the runner's hello / done batch arrived. */
  helloAt: number;
  doneAt: number;
  /** The runner's own span, hello to done, on the launch clock (ms). */
  runnerMs: number;
}

async function studioRun(
  farm: RunFarm,
  sampling: boolean,
  onSample?: (s: RunSample, id: string) => void,
) {
  const started = performance.now();
  const marks = { hello: NaN, done: NaN, helloT: NaN, doneT: NaN };
  const run = await timedRun(
    farm,
    { ...request, sampling, device: farm.keyOf(0) },
    (sample, id) => {
      onSample?.(sample, id);
      if (sample.kind !== 'runner') return;
      if (sample.event.ev === 'hello') [marks.hello, marks.helloT] = [performance.now(), sample.t];
      if (sample.event.ev === 'done') [marks.done, marks.doneT] = [performance.now(), sample.t];
    },
  );
  return {
    ...run,
    helloAt: marks.hello - started,
    doneAt: marks.done - started,
    runnerMs: marks.doneT - marks.helloT,
  };
}

/**
 * The first studio run (uncounted: it builds and pushes), with its plan and prompt copied into
 * the hand launch's folder as soon as its runner says hello (its folder goes at the run's end).
 */
async function copyPlanOfRun(farm: RunFarm): Promise<void> {
  let copied: Promise<unknown> | null = null;
  await studioRun(farm, true, (sample, runId) => {
    if (copied || sample.kind !== 'runner' || sample.event.ev !== 'hello') return;
    const from = posix.join(studioDir, 'runs', runId, 'timed');
    // The phone's shell has no cp (nor does every phone's toybox build): cat does it.
    const copies = [runFileNames.plan, runFileNames.prompt].map(
      (name) => `cat ${posix.join(from, name)} > ${posix.join(handDir, name)}`,
    );
    // Awaited after the run: an error is kept until then (not an unhandled rejection).
    copied = adbShell(farm, [`mkdir -p ${handDir}`, ...copies].join(' && ')).then(
      () => null,
      (error: unknown) => error,
    );
  });
  if (!copied) throw new Error('the studio run never said hello');
  const failed = await copied;
  if (failed) throw failed;
}

/** One launch by hand: `adb shell` with the launch line, wall time in ms. */
async function handRun(farm: RunFarm, line: string): Promise<number> {
  const started = performance.now();
  const out = await adbShell(farm, line);
  const ms = performance.now() - started;
  const reps = out.split('\n').filter((text) => text.includes('"first_token"')).length;
  if (reps !== request.warmup + request.repetitions) throw new Error(`hand launch: ${out}`);
  return ms;
}

async function adbShell(farm: RunFarm, line: string): Promise<string> {
  const serial = farm.phones[0]!.address;
  const result = await runAdb(targetOf(farm.server), ['-s', serial, 'shell', line], 60_000);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Median ms of each stretch of a studio run, from `run:start` to its end state. */
function printProfile(label: string, runs: Profiled[]): void {
  const stretch = (of: (run: Profiled) => number | undefined) =>
    median(runs.map((run) => of(run) ?? NaN)).toFixed(0);
  const s = (run: Profiled) => run.states;
  console.log(
    [
      `  studio run (${label}), medians (ms): start → building ${stretch((r) => s(r).building)}`,
      `→ pushing ${stretch((r) => (s(r).pushing ?? NaN) - (s(r).building ?? 0))}`,
      `→ running ${stretch((r) => (s(r).running ?? NaN) - (s(r).pushing ?? NaN))}`,
      `→ runner hello batch ${stretch((r) => r.helloAt - (s(r).running ?? NaN))}`,
      `→ runner done batch ${stretch((r) => r.doneAt - r.helloAt)} (runner's own ${stretch((r) => r.runnerMs)})`,
      `→ end ${stretch((r) => r.wallMs - r.doneAt)}; total ${stretch((r) => r.wallMs)}`,
    ].join(' '),
  );
}
