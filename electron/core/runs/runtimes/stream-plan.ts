import type { RunnerPlan } from '../../../../shared/runner-plan';
import { stateOutputName } from '../../graphs/io-convention';

/** What a run of a self-contained stream graph (the demo model's convention) is made of. */
export interface StreamPlanOptions {
  /** Graph file relative to the plan; prefill and decode are the same file pinned two ways. */
  graph: string;
  /** The graph's input names, in any order (from an inspection or a session). */
  inputNames: readonly string[];
  chunk: number;
  sink: number;
  window: number;
  memory: 'on' | 'off';
  /** Prompt file (int32 LE tokens) relative to the plan. */
  prompt: string;
  decodeTokens: number;
  threads?: number;
  repetitions?: number;
  warmup?: number;
}

const tokenInputs = new Set([
  'input_ids',
  'position_ids',
  'chunk_mask',
  'sink_size',
  'memory_gate',
]);

/** The demo model's padding token (byte vocabulary 0–255, then PAD, BOS, EOS). */
const pad = 256;

/**
 * The run plan of a stream graph: the scenario becomes free-dimension overrides and constants,
 * every other input is state fed by its `present*` output. Pure.
 */
export function streamGraphPlan(options: StreamPlanOptions): RunnerPlan {
  const cache = options.sink + options.window;
  const pinned = (chunk: number) => ({
    file: options.graph,
    dims: { chunk_length: chunk, cache_length: cache },
  });
  return {
    version: 1,
    graphs: { prefill: pinned(options.chunk), decode: pinned(1) },
    inputs: { tokens: 'input_ids', positions: 'position_ids', chunk_mask: 'chunk_mask' },
    constants: [
      { name: 'sink_size', type: 'int64', shape: [1], values: [options.sink] },
      {
        name: 'memory_gate',
        type: 'float32',
        shape: [1],
        values: [options.memory === 'on' ? 1 : 0],
      },
    ],
    state: options.inputNames
      .filter((name) => !tokenInputs.has(name))
      .map((input) => ({ input, output: stateOutputName(input) })),
    logits: 'logits',
    pad_token: pad,
    prompt: options.prompt,
    decode_tokens: options.decodeTokens,
    ep: 'cpu',
    threads: options.threads ?? 1,
    warmup: options.warmup ?? 0,
    repetitions: options.repetitions ?? 1,
    score: 'all',
    output_dir: 'out',
  };
}
