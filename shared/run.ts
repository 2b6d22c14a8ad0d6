import { z } from 'zod';
import { buildRequestSchema } from './build-request';
import { thermalStatusSchema } from './device';
import { batteryReadingSchema, processMemorySchema, thermalReadingSchema } from './device-sample';
import { studioErrorSchema } from './result';
import { runnerEventSchema } from './runner-events';
import { runnerEps } from './runner-plan';
import { runStateSchema } from './run-state';
import { runSummarySchema } from './run-metrics';

/** A run id (the id of its job). */
export const runIdSchema = z.string().min(1).max(64);

/**
 * Before each repetition the run waits until the phone is at or below `maxStatus` and its battery
 * below `maxBatteryC`, at most `timeoutMs` (then it goes on and the repetition is flagged).
 */
export const thermalGateSchema = z
  .object({
    maxStatus: thermalStatusSchema.default('light'),
    maxBatteryC: z.number().min(0).max(80).default(42),
    timeoutMs: z.number().int().min(0).max(3_600_000).default(120_000),
  })
  .strict();
export type ThermalGate = z.infer<typeof thermalGateSchema>;

/**
 * One run: a build (model, scenario, quant spec and its options) on one phone, the prompt it is
 * timed on, and how it is repeated and sampled. Everything but the phone and the build defaults.
 */
export const runRequestSchema = buildRequestSchema
  .extend({
    /** The phone's key in the farm (`device:list`). */
    device: z.string().min(1).max(512),
    /** JSONL eval set (default: the model's own eval set, when it ships one). */
    dataset: z.string().min(1).max(4096).optional(),
    /** The dataset prompt the run is timed on (and scored on first). */
    promptIndex: z.number().int().min(0).default(0),
    /** Prompts scored for accuracy (the timed one first), one extra runner pass each after it. */
    accuracyPrompts: z.number().int().min(0).max(64).default(1),
    /**
     * The timed prompt's length: without a dataset (a model with no eval set), a synthetic prompt
     * of this many tokens; with one, its prompt cut or repeated to this many.
     */
    promptTokens: z.number().int().min(1).max(1_000_000).optional(),
    repetitions: z.number().int().min(1).max(1000).default(5),
    warmup: z.number().int().min(0).max(100).default(1),
    /** Greedy decode steps after the prompt (default: the answer's length + 8, else 16). */
    decodeTokens: z.number().int().min(0).max(4096).optional(),
    ep: z.enum(runnerEps).default('cpu'),
    threads: z.number().int().min(1).max(64).default(1),
    /** A runtime bundle id (`runtime:list`); default: the built bundle of the phone's ABI. */
    runtime: z.string().min(1).max(64).optional(),
    gate: thermalGateSchema.prefault({}),
    /** Count repetitions with throttled samples in the statistics (left out by default). */
    includeThrottled: z.boolean().default(false),
    /** Milliseconds between the outside samples of the runner (≥ 4 Hz by default). */
    sampleIntervalMs: z.number().int().min(100).max(5000).default(250),
    /** Sample the runner from outside at all (off only to measure what sampling costs). */
    sampling: z.boolean().default(true),
  })
  .strict();
export type RunRequest = z.output<typeof runRequestSchema>;
export type RunRequestInput = z.input<typeof runRequestSchema>;

/** An outside reading of the phone while the runner runs. */
export const runDeviceSampleSchema = z.object({
  memory: processMemorySchema.nullable(),
  thermal: thermalReadingSchema.nullable(),
  battery: batteryReadingSchema.nullable(),
  /** scaling_cur_freq of each CPU, kHz (null where unreadable). */
  cpuFreqKhz: z.array(z.number().nullable()),
  /** Battery current (µA, positive = discharging) and voltage (µV), where the phone reports them. */
  power: z.object({ currentUa: z.number(), voltageUv: z.number() }).nullable(),
});
export type RunDeviceSample = z.infer<typeof runDeviceSampleSchema>;

const sampleCommon = {
  /** Index of the sample in its run, from 0: a gap in what a window holds is refilled by it. */
  i: z.number().int().nonnegative(),
  /** ms since the run's runner was launched (host clock, on arrival). */
  t: z.number(),
};

/** Everything a run records as it goes: runner events, outside samples, log lines. */
export const runSampleSchema = z.discriminatedUnion('kind', [
  z.object({ ...sampleCommon, kind: z.literal('runner'), event: runnerEventSchema }),
  z.object({
    ...sampleCommon,
    kind: z.literal('device'),
    sample: runDeviceSampleSchema,
    /** Thermal status above the gate's, or battery over its limit, when it was taken. */
    throttled: z.boolean(),
  }),
  z.object({
    ...sampleCommon,
    kind: z.literal('log'),
    source: z.enum(['stderr', 'logcat', 'studio', 'malformed']),
    line: z.string(),
  }),
]);
export type RunSample = z.infer<typeof runSampleSchema>;
export type RunSampleKind = RunSample['kind'];

/** A batch of a run's samples as `run:metrics` streams it (seq counts per run from 1). */
export const runMetricsBatchSchema = z.object({
  runId: runIdSchema,
  seq: z.number().int().positive(),
  samples: z.array(runSampleSchema),
});
export type RunMetricsBatch = z.infer<typeof runMetricsBatchSchema>;

/** What is saved with every run: the phone, its state, and the software that ran it. */
export const runContextSchema = z.object({
  deviceKey: z.string(),
  model: z.string().nullable(),
  abi: z.string().nullable(),
  emulated: z.boolean(),
  capturedAt: z.string(),
  fingerprint: z.string().nullable(),
  kernel: z.string().nullable(),
  governor: z.string().nullable(),
  cpuFreqKhz: z.array(z.number().nullable()),
  thermal: z.string().nullable(),
  batteryPercent: z.number().nullable(),
  batteryCelsius: z.number().nullable(),
  studioVersion: z.string(),
  runtime: z.object({
    bundle: z.string(),
    runner: z.string().nullable(),
    runnerVersion: z.string().nullable(),
    ort: z.string().nullable(),
  }),
  /** The EP the runner used (after any fallback), from its hello line. */
  ep: z.string().nullable(),
  threads: z.number().int().nullable(),
  /** The artifact's key, and the sha256 of its prefill and decode graphs as they ran. */
  graphs: z.object({ key: z.string(), prefill: z.string(), decode: z.string() }),
});
export type RunContext = z.infer<typeof runContextSchema>;

/** A run as the store keeps it and `run:get` / `run:list` answer. */
export const runRecordSchema = z.object({
  id: runIdSchema,
  state: runStateSchema,
  request: runRequestSchema,
  deviceKey: z.string(),
  /** The scenario label (`c64-s4-w256-mem`) and canonical quant spec, for lists and filters. */
  scenario: z.string(),
  quant: z.string(),
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  error: studioErrorSchema.nullable(),
  context: runContextSchema.nullable(),
  summary: runSummarySchema.nullable(),
  /** Samples kept for it. */
  samples: z.number().int().nonnegative(),
  /** The sweep it belongs to, when it was one point of a sweep. */
  sweepId: z.string().nullable(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** Filters of `run:list` (all optional; newest first). */
export const runListFilterSchema = z
  .object({
    device: z.string().max(512).optional(),
    model: z.string().max(4096).optional(),
    scenario: z.string().max(64).optional(),
    quant: z.string().max(64).optional(),
    state: runStateSchema.optional(),
    sweepId: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(10_000).default(200),
  })
  .strict();
export type RunListFilter = z.output<typeof runListFilterSchema>;

/** A run's state as `run:onDidChangeState` sends it. */
export const runStateChangeSchema = z.object({
  runId: runIdSchema,
  state: runStateSchema,
  progress: z.object({ fraction: z.number(), message: z.string() }),
  error: studioErrorSchema.nullable(),
});
export type RunStateChange = z.infer<typeof runStateChangeSchema>;
