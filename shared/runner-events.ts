import { z } from 'zod';
import { fail, ok, type Result } from './result';

/**
 * The JSON lines edge-runner prints (contract v1, DESIGN.md "The device runner"), one schema per
 * event, discriminated by `ev`. Adapters for other runtimes produce the same events.
 */
export const runnerErrorCodes = [
  'usage',
  'plan-unreadable',
  'plan-invalid',
  'prompt-invalid',
  'graph-unreadable',
  'graph-invalid',
  'graph-mismatch',
  'ep-unavailable',
  'run-failed',
  'output-unwritable',
  'out-of-memory',
  'cancelled',
  'runtime',
  'internal',
] as const;
export type RunnerErrorCode = (typeof runnerErrorCodes)[number];

const rep = z.number().int().min(0);
const ms = z.number().min(0);
const count = z.number().int().min(0);

/** On the lines of a warm-up repetition (whose `rep` counts warm-ups from 0); absent otherwise. */
const warmup = z.literal(true).optional();

const perSecond = z.number().min(0).nullable();
const optionalMs = ms.nullable();

/**
 * Aggregates a tool reports without per-token events (adapters only; edge-runner never prints it):
 * one per test or repetition. Null is "the tool did not report it and it cannot be derived".
 * Times in ms, memory in KiB, throughput in tokens/s; each adapter documents its mapping.
 */
const summarySchema = z.object({
  ev: z.literal('summary'),
  /** The adapter's tool name, e.g. `llama-bench`. */
  tool: z.string(),
  /** The tool's own name of the test (`pp512`, `tg128`, `pp512+tg128 @ d512`), if it has one. */
  test: z.string().nullable(),
  /** Repetitions or inference requests the aggregate is over. */
  runs: count.nullable(),
  prompt_tokens: count.nullable(),
  gen_tokens: count.nullable(),
  /** Throughput over the whole test as the tool reports it, and its standard deviation. */
  tok_s: perSecond,
  tok_s_sd: perSecond,
  /** Prompt processing (prefill) and generation (decode) throughput. */
  prefill_tok_s: perSecond,
  decode_tok_s: perSecond,
  /** Time of one run (one inference, one repetition of a test). */
  latency_ms: z
    .object({
      mean: optionalMs,
      min: optionalMs,
      max: optionalMs,
      p50: optionalMs,
      p90: optionalMs,
      p95: optionalMs,
      p99: optionalMs,
      p999: optionalMs,
    })
    .nullable(),
  /** Each run's time, in order, where the tool lists them. */
  samples_ms: z.array(ms).nullable(),
  /** The largest resident set the tool reported (its own peak where it measures one). */
  rss_peak_kb: count.nullable(),
  /** What the tool printed about the setup (model, backend, threads, build), values verbatim. */
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

export const runnerEventSchema = z.discriminatedUnion('ev', [
  z.object({
    ev: z.literal('hello'),
    runner: z.string(),
    version: z.literal('1'),
    pid: z.number().int().positive(),
    runtime: z.string(),
    ort: z.string(),
    ep: z.string(),
    threads: z.number().int().min(1),
  }),
  z.object({
    ev: z.literal('load'),
    ms,
    /**
     * edge-runner: bytes of the external initializers it mapped and handed to the sessions (each
     * once) plus those embedded in the graph files (each distinct file once).
     */
    weights_bytes: count.optional(),
  }),
  z.object({
    ev: z.literal('chunk'),
    rep,
    warmup,
    i: count,
    tokens: count,
    compute_ms: ms,
    state_ms: ms,
  }),
  z.object({ ev: z.literal('first_token'), rep, warmup, ttft_ms: ms }),
  z.object({ ev: z.literal('token'), rep, warmup, i: count, ms }),
  /** The repetition waited `ms` for the plan's `hold_file` to go away before it started. */
  z.object({ ev: z.literal('held'), rep, warmup, ms }),
  z.object({ ev: z.literal('mem'), t_ms: ms, rss_kb: count, hwm_kb: count }),
  z.object({
    ev: z.literal('output'),
    rep,
    tokens: z.array(count),
    /** Float32 rows × vocab, relative to the plan; absent when the plan scores nothing. */
    logits_file: z.string().optional(),
    rows: count,
    vocab: count,
  }),
  z.object({ ev: z.literal('done') }),
  z.object({ ev: z.literal('error'), code: z.enum(runnerErrorCodes), message: z.string() }),
  z.object({ ev: z.literal('ep-unavailable'), ep: z.string(), fallback: z.string().optional() }),
  summarySchema,
]);

export type RunnerEvent = z.infer<typeof runnerEventSchema>;

/** Parses one line of runner output; a line that is not a contract event is a failure. Pure. */
export function parseRunnerLine(line: string): Result<RunnerEvent> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return fail('invalid-frame', `not JSON: ${line.slice(0, 120)}`);
  }
  const parsed = runnerEventSchema.safeParse(json);
  if (!parsed.success)
    return fail('invalid-frame', `not a runner event: ${parsed.error.issues[0]?.message ?? ''}`);
  return ok(parsed.data);
}
