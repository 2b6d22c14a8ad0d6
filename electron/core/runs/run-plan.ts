import { posix } from 'node:path';
import type { ModelInspection } from '../../../shared/graph';
import type { RunRequest } from '../../../shared/run';
import type { RunnerPlan } from '../../../shared/runner-plan';
import { padTokenOf } from '../graphs/fidelity/runners';
import type { BuiltArtifact } from './accuracy/host-reference';
import type { PhoneRunFiles } from './push-run-files';
import { graphPairWiring } from './runtimes/graph-pair-plan';

/** The names a run's files have in its folder on the phone. */
export const runFileNames = {
  plan: 'plan.json',
  prompt: 'prompt.i32',
  /** While it exists the runner waits before its next repetition (thermal gating). */
  hold: 'hold',
  output: 'out',
} as const;

/** One pass of the runner over a run's graphs: the timed one, or an accuracy pass. */
export interface PassOptions {
  /** The pass's folder on the phone: every path in the plan is made relative to it. */
  dir: string;
  prompt: string;
  decodeTokens: number;
  /** The timed pass writes no logits (they would cost phone I/O); accuracy passes write all. */
  timed: boolean;
}

/**
 * The plan a phone runs for one pass: the artifact's wiring with the graphs and weights read
 * from the phone's cache, the run's repetitions, EP and threads, and the hold file that gates
 * each repetition. Pure.
 */
export function runPlan(
  request: RunRequest,
  artifact: BuiltArtifact,
  inspection: ModelInspection,
  files: PhoneRunFiles,
  pass: PassOptions,
): RunnerPlan {
  // Relative paths resolve against the plan on a phone and, on an emulated one, on the host too
  // (a program sees host paths; only its arguments are translated, not what its files say).
  const near = (path: string) => posix.relative(pass.dir, path);
  const dataFiles = Object.entries(files.dataFiles).map(([name, path]) => [name, near(path)]);
  const wiring = graphPairWiring({
    prefill: near(files.prefill),
    decode: near(files.decode),
    inputNames: artifact.prefill.inputs.map((input) => input.name),
    padToken: padTokenOf(inspection),
    threads: request.threads,
  });
  return {
    version: 1,
    ...wiring,
    ...(dataFiles.length > 0 ? { data_files: Object.fromEntries(dataFiles) } : {}),
    prompt: pass.prompt,
    decode_tokens: pass.decodeTokens,
    ep: request.ep,
    ep_fallback: false,
    warmup: pass.timed ? request.warmup : 0,
    repetitions: pass.timed ? request.repetitions : 1,
    score: pass.timed ? 'none' : 'all',
    output_dir: runFileNames.output,
    ...(pass.timed ? { hold_file: runFileNames.hold } : {}),
  };
}
