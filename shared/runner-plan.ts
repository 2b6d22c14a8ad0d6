import { z } from 'zod';

/**
 * The run plan edge-runner reads (JSON, written by the studio next to the graphs). Every
 * relative path is resolved against the plan's folder; the runner writes only under
 * `output_dir`. edge-runner checks the same fields again in `electron/runner/src/plan.cc`.
 */
const name = z.string().min(1);
const dims = z.record(z.string().min(1), z.number().int().min(1));

export const runnerGraphSchema = z
  .object({
    /** Graph file, relative to the plan. */
    file: name,
    /** Free dimension overrides (symbolic dim name → value) that make every input concrete. */
    dims: dims.optional(),
  })
  .strict();

export const runnerConstantSchema = z
  .object({
    name,
    type: z.enum(['int64', 'int32', 'float32']),
    shape: z.array(z.number().int().min(1)),
    values: z.array(z.number()),
  })
  .strict()
  .refine((constant) => constant.values.length === constant.shape.reduce((a, b) => a * b, 1), {
    message: 'values must fill the shape',
    path: ['values'],
  });

export const runnerEps = ['cpu', 'xnnpack', 'nnapi', 'qnn'] as const;
export type RunnerEp = (typeof runnerEps)[number];

export const runnerPlanSchema = z
  .object({
    version: z.literal(1),
    graphs: z.object({ prefill: runnerGraphSchema, decode: runnerGraphSchema.optional() }).strict(),
    /** Which inputs take the chunk's tokens, their absolute positions and the real/padding mask. */
    inputs: z
      .object({ tokens: name, positions: name.optional(), chunk_mask: name.optional() })
      .strict(),
    /** Inputs fed the same value on every call (e.g. the sink size, the memory gate). */
    constants: z.array(runnerConstantSchema).optional(),
    /** State inputs (zero at the start) and the output that gives their next value. */
    state: z.array(z.object({ input: name, output: name }).strict()),
    /** Output holding [1, C, vocab] float32 logits. */
    logits: name,
    pad_token: z.number().int().min(0),
    /** Prompt tokens: int32 little-endian, relative to the plan. */
    prompt: name,
    /** Greedy decode steps after the prompt (needs graphs.decode). */
    decode_tokens: z.number().int().min(0).optional(),
    ep: z.enum(runnerEps).optional(),
    /** Run on CPU when `ep` is missing from the library (after an ep-unavailable line). */
    ep_fallback: z.boolean().optional(),
    threads: z.number().int().min(1).max(256).optional(),
    warmup: z.number().int().min(0).optional(),
    repetitions: z.number().int().min(1).optional(),
    /** Logits written per repetition: every real position, the prompt's last one, or none. */
    score: z.enum(['all', 'last', 'none']).optional(),
    output_dir: name.optional(),
    /**
     * External-data `location` as written in a graph (e.g. `weights.data`) → its file, relative
     * to the plan or absolute; looked up before the graph's folder (graphs in a content-addressed
     * cache have no weights.data beside them). Every tensor found through it is shared, so ORT
     * never opens the location itself.
     */
    data_files: z.record(name, name).optional(),
    /**
     * Relative to the plan: before each repetition (warm-up ones too) the runner waits while this
     * file exists (thermal gating), then prints a `held` line.
     */
    hold_file: name.optional(),
  })
  .strict()
  .refine((plan) => !plan.decode_tokens || plan.graphs.decode !== undefined, {
    message: 'decode_tokens needs graphs.decode',
    path: ['decode_tokens'],
  });

export type RunnerPlan = z.infer<typeof runnerPlanSchema>;
