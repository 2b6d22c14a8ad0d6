import { z } from 'zod';
import { thermalStatusSchema } from './device';
import { fidelitySummarySchema } from './graph';

/**
 * The metrics of a run, defined once: the store keeps them, the CLI prints them, the Runs page
 * charts them and reports tabulate them. Times in ms, memory in bytes, throughput in tokens/s,
 * energy in µAh and mJ per token.
 */

/** One metric over the counted repetitions: its order statistics, spread and a 95 % bootstrap CI. */
export const statisticSchema = z.object({
  n: z.number().int().nonnegative(),
  median: z.number(),
  p90: z.number(),
  mean: z.number(),
  /** Sample standard deviation; 0 with one value. */
  sd: z.number(),
  /** 95 % percentile-bootstrap interval of the median. */
  ciLow: z.number(),
  ciHigh: z.number(),
});
export type Statistic = z.infer<typeof statisticSchema>;

/**
 * The metrics that get a statistic per run, with their unit and whether lower is better. Each
 * has one value per counted repetition: the chunk metrics that repetition's median over its
 * prefill chunks (every chunk's own time is in the summary's `chunkTimes`).
 */
export const runMetrics = {
  ttftMs: { label: 'TTFT', unit: 'ms', lowerIsBetter: true },
  prefillTokS: { label: 'Prefill', unit: 'tok/s', lowerIsBetter: false },
  decodeTokS: { label: 'Decode', unit: 'tok/s', lowerIsBetter: false },
  /** A repetition's median compute time per prefill chunk. */
  chunkComputeMs: { label: 'Chunk compute', unit: 'ms', lowerIsBetter: true },
  /** A repetition's median state-update time per prefill chunk. */
  chunkStateMs: { label: 'Chunk state update', unit: 'ms', lowerIsBetter: true },
  peakRssBytes: { label: 'Peak memory', unit: 'B', lowerIsBetter: true },
} as const;
export type RunMetric = keyof typeof runMetrics;
export const runMetricNames = Object.keys(runMetrics) as RunMetric[];
export const runMetricSchema = z.enum(runMetricNames as [RunMetric, ...RunMetric[]]);

/**
 * Where the peak memory goes. `weightsBytes` is what the runtime mapped or allocated for
 * initializers (the runner's own count, else the artifact's weights files); `stateBytes` the
 * scenario's state tensors (KV cache and compressed memory); `runtimeBytes` the rest of the peak,
 * negative when the two above overcount it (`runtimeNegative`).
 */
export const memoryBreakdownSchema = z.object({
  peakBytes: z.number().nonnegative(),
  weightsBytes: z.number().nonnegative(),
  weightsSource: z.enum(['runner', 'artifact']),
  kvCacheBytes: z.number().nonnegative(),
  memoryStateBytes: z.number().nonnegative(),
  runtimeBytes: z.number(),
  runtimeNegative: z.boolean(),
  /**
   * True when the weights were counted twice in the peak (mapped pages and a packed copy both
   * resident), said next to the breakdown.
   */
  weightsCountedTwice: z.boolean(),
});
export type MemoryBreakdown = z.infer<typeof memoryBreakdownSchema>;

/** Energy from the battery's current and voltage over the prefill and decode windows. */
export const energySchema = z.object({
  prefillUahPerToken: z.number(),
  decodeUahPerToken: z.number().nullable(),
  prefillMjPerToken: z.number(),
  decodeMjPerToken: z.number().nullable(),
  /** Samples with a current reading the figures rest on. */
  samples: z.number().int().nonnegative(),
  /** The phone was charging: the battery's current is not the phone's draw. */
  charging: z.boolean(),
});
export type Energy = z.infer<typeof energySchema>;

/** Accuracy next to speed: the phone's own logits against the float full-context reference. */
export const runAccuracySchema = z.object({
  prompts: z.number().int().nonnegative(),
  /** Quantised graphs on the phone vs the full-context float reference. */
  total: fidelitySummarySchema,
  /** Float specialised graphs (host) vs the reference: what the cache configuration costs. */
  cache: fidelitySummarySchema,
  /** Phone vs float specialised graphs: what quantisation (and the phone's runtime) adds. */
  quantization: fidelitySummarySchema,
  /**
   * KL(reference ‖ phone) of every scored token, in nats (at most 4096, evenly picked): what an
   * accuracy significance test compares. Absent in runs stored before it was kept.
   */
  tokenKl: z.array(z.number().nonnegative()).max(4096).optional(),
  /** Task scores of the phone's greedy answers where the dataset has answers. */
  task: z
    .object({
      answered: z.number().int().positive(),
      exactMatch: z.number(),
      f1: z.number(),
      rougeL: z.number(),
    })
    .nullable(),
});
export type RunAccuracy = z.infer<typeof runAccuracySchema>;

/** Everything a finished run is summarised by. */
export const runSummarySchema = z.object({
  repetitions: z.object({
    measured: z.number().int().nonnegative(),
    warmup: z.number().int().nonnegative(),
    /** Measured repetitions left out because a sample during them was throttled. */
    excludedThrottled: z.number().int().nonnegative(),
  }),
  stats: z.partialRecord(runMetricSchema, statisticSchema),
  /**
   * The counted values each statistic rests on, one per counted repetition (chunk metrics: that
   * repetition's median chunk time), so runs can be pooled and tested against each other. Absent
   * in runs stored before it was kept; runs stored before `chunkTimes` kept every chunk here.
   */
  values: z.partialRecord(runMetricSchema, z.array(z.number())).optional(),
  /**
   * Every prefill chunk's compute and state-update time of every counted repetition, repetition
   * by repetition (`chunks` to a repetition): the chunk-by-chunk timeline Compare draws. Absent
   * in runs stored before it was kept.
   */
  chunkTimes: z.object({ computeMs: z.array(z.number()), stateMs: z.array(z.number()) }).optional(),
  /**
   * Cold: the TTFT of the first repetition the process ran (its first warm-up when there is one,
   * else its first measured one, throttled or not). Warm: the median TTFT of the counted
   * repetitions after it. Null when there is none.
   */
  coldTtftMs: z.number().nullable(),
  warmTtftMs: z.number().nullable(),
  /** Session create of both graphs. */
  loadMs: z.number().nullable(),
  promptTokens: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  decodeTokens: z.number().int().nonnegative(),
  memory: memoryBreakdownSchema.nullable(),
  pssPeakBytes: z.number().nullable(),
  accuracy: runAccuracySchema.nullable(),
  energy: energySchema.nullable(),
  thermal: z.object({
    samples: z.number().int().nonnegative(),
    throttledSamples: z.number().int().nonnegative(),
    worstStatus: thermalStatusSchema.nullable(),
    /** Throttled repetitions were counted in the statistics (the run asked for it). */
    includeThrottled: z.boolean(),
  }),
  /** Runner lines that were not contract events (logged, never fatal). */
  malformedLines: z.number().int().nonnegative(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;
