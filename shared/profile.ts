import { z } from 'zod';
import { canonicalQuantSpecSchema, modelArgumentSchema } from './build-request';
import { thermalGateSchema } from './run';
import { runnerEps } from './runner-plan';

/**
 * A scenario profile (`profiles/*.yaml`, DESIGN.md "Shared vocabulary"): what to sweep, on which
 * phones, under which budgets. `version: 1` keeps old files loading; everything optional has a
 * default, so a profile says only what it cares about. `profiles/schema.json` is generated from
 * this schema for editor completion.
 */

const axis = <T extends z.ZodType>(item: T, fallback: z.input<T>[]) =>
  z
    .array(item)
    .min(1, 'an axis needs at least one value')
    .max(64)
    .default(fallback as never);

/** A whole number of at least `min` (and at most `max`), its errors naming the field. */
const count = (field: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({
      error: (issue) =>
        issue.input === undefined || typeof issue.input === 'number'
          ? undefined
          : `${field} must be a number`,
    })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max}`);

/** The grid: every combination of its axes is one run per phone. */
export const gridSchema = z
  .object({
    chunk: axis(count('chunk', 1), [64]).describe('Prefill chunk sizes C, in tokens.'),
    sink: axis(count('sink', 0), [4]).describe('Sink tokens S kept at the start of the cache.'),
    window: axis(count('window', 1), [256]).describe(
      'Windows W of recent tokens (a window below the chunk is skipped).',
    ),
    memory: axis(z.enum(['on', 'off']), ['on']).describe('The compressed memory, on and/or off.'),
    quant: axis(canonicalQuantSpecSchema, ['float']).describe(
      'Quant specs: float, int{4|8}-{channel|g32|g64|g128}[-asym][+a{8|16}][:qdq|:nbits].',
    ),
    /**
     * Prompt lengths, in tokens: a synthetic prompt for a model without an eval set, else the
     * dataset's prompt cut or repeated to the length (`fitPrompt`).
     */
    promptTokens: z
      .array(count('promptTokens', 1, 1_000_000))
      .min(1)
      .max(64)
      .optional()
      .describe(
        "Prompt lengths, in tokens: a synthetic prompt, or the dataset's cut or repeated to it.",
      ),
    ep: axis(z.enum(runnerEps), ['cpu']).describe('Execution providers of the runner.'),
    threads: axis(count('threads', 1, 64), [1]).describe('Runner threads.'),
  })
  .strict();
export type Grid = z.output<typeof gridSchema>;

/** Which phones of the farm a sweep runs on; every field given must match (all when empty). */
export const deviceSelectorSchema = z
  .object({
    /** Substrings of the model name (`ro.product.model`), any of them. */
    model: z.array(z.string().min(1)).optional(),
    soc: z.array(z.string().min(1)).optional(),
    abi: z.array(z.string().min(1)).optional(),
    /** adb servers (`HOST:PORT`) of the farm, any of them. */
    host: z.array(z.string().min(1)).optional(),
    /** Only emulated phones (true), only real ones (false), or both (absent). */
    emulated: z.boolean().optional(),
    /** Farm keys or serial numbers, any of them. */
    serial: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type DeviceSelector = z.infer<typeof deviceSelectorSchema>;

/** Limits a configuration must keep to be recommended; points over them are flagged, not dropped. */
export const budgetsSchema = z
  .object({
    maxPeakMemoryMb: z.number().positive().optional(),
    maxTtftMs: z.number().positive().optional(),
    /** Logit cosine against the float full-context reference. */
    minFidelity: z.number().min(0).max(1).optional(),
  })
  .strict();
export type Budgets = z.infer<typeof budgetsSchema>;

export const profileSchema = z
  .object({
    version: z.literal(1, 'version must be 1').describe('The profile format: 1.'),
    /** The scenario's name (`summarization`, `qa`, `chat`). */
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
    description: z.string().max(2000).default(''),
    model: modelArgumentSchema,
    /** JSONL eval set, relative to the profile file or absolute (default: the model's own). */
    dataset: z.string().min(1).max(4096).optional(),
    accuracyPrompts: count('accuracyPrompts', 0, 64)
      .default(1)
      .describe('Dataset prompts scored for accuracy per run (0: none).'),
    grid: gridSchema
      .prefault({})
      .describe('The axes swept: every combination is one run per phone.'),
    warmup: count('warmup', 0, 100)
      .default(1)
      .describe('Untimed repetitions before the timed ones.'),
    repetitions: count('repetitions', 1, 1000).default(5).describe('Timed repetitions per run.'),
    gate: thermalGateSchema.prefault({}).describe('Thermal gate waited on before each repetition.'),
    includeThrottled: z
      .boolean()
      .default(false)
      .describe('Count throttled repetitions in the statistics.'),
    devices: deviceSelectorSchema
      .prefault({})
      .describe('Which phones of the farm (all when empty).'),
    budgets: budgetsSchema
      .prefault({})
      .describe('Limits a configuration must keep to be recommended.'),
    /** Runs lost to a phone going away are retried on another eligible phone, this many times. */
    retries: count('retries', 0, 10)
      .default(2)
      .describe('Retries of a run lost to a phone going away, on another phone.'),
  })
  .strict();
export type Profile = z.output<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
