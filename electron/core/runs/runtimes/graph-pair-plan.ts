import type { RunnerPlan } from '../../../../shared/runner-plan';
import { stateOutputName } from '../../graphs/io-convention';

/** The part of a run plan that says how a graph pair is driven: the generic loop's wiring. */
export type LoopWiring = Pick<
  RunnerPlan,
  'graphs' | 'inputs' | 'constants' | 'state' | 'logits' | 'pad_token' | 'threads'
>;

/** What a run of a built artifact's prefill and decode graphs is made of. */
export interface GraphPairPlanOptions {
  /** Graph files, relative to the plan (or absolute); every dim is pinned already. */
  prefill: string;
  decode: string;
  /** The prefill graph's input names, in any order (from an inspection or a session). */
  inputNames: readonly string[];
  /** Token the last chunk is padded with (masked out by the chunk mask). */
  padToken: number;
  threads?: number;
}

/** Inputs the loop feeds per call; every other input of a self-contained graph is state. */
const loopInputs = { tokens: 'input_ids', positions: 'position_ids', chunk_mask: 'chunk_mask' };

/**
 * The wiring of a built artifact's self-contained graphs, of either convention: `input_ids`,
 * `position_ids` (the demo model's; an import keeps its position as state) and `chunk_mask` fed
 * per call, every other input state fed by its `present*` output. Pure.
 */
export function graphPairWiring(options: GraphPairPlanOptions): LoopWiring {
  const has = (name: string) => options.inputNames.includes(name);
  const fed = new Set(Object.values(loopInputs));
  return {
    graphs: { prefill: { file: options.prefill }, decode: { file: options.decode } },
    inputs: {
      tokens: loopInputs.tokens,
      ...(has(loopInputs.positions) ? { positions: loopInputs.positions } : {}),
      ...(has(loopInputs.chunk_mask) ? { chunk_mask: loopInputs.chunk_mask } : {}),
    },
    state: options.inputNames
      .filter((name) => !fed.has(name))
      .map((input) => ({ input, output: stateOutputName(input) })),
    logits: 'logits',
    pad_token: options.padToken,
    threads: options.threads ?? 1,
  };
}

/** The run plan edge-runner reads for a built artifact: its wiring plus the run. Pure. */
export function graphPairPlan(
  options: GraphPairPlanOptions & {
    /** Prompt file (int32 LE tokens) relative to the plan. */
    prompt: string;
    decodeTokens: number;
    repetitions?: number;
    warmup?: number;
  },
): RunnerPlan {
  return {
    version: 1,
    ...graphPairWiring(options),
    prompt: options.prompt,
    decode_tokens: options.decodeTokens,
    ep: 'cpu',
    warmup: options.warmup ?? 0,
    repetitions: options.repetitions ?? 1,
    score: 'all',
    output_dir: 'out',
  };
}
