import { z } from 'zod';
import { runRequestSchema } from '../../../shared/run';
import { runStateSchema } from '../../../shared/run-state';
import { runSummarySchema } from '../../../shared/run-metrics';
import { json } from './sweep-rows';

/** The request fields a configuration is keyed by (the rest of a stored request is not read). */
export const configurationAxesSchema = runRequestSchema
  .pick({ model: true, scenario: true, quant: true, ep: true, threads: true })
  .strip();
export type ConfigurationAxes = z.output<typeof configurationAxesSchema>;

/**
 * An ended run as Compare groups it (`RunRepo.compareRuns`, from `compare_runs`, which triggers
 * keep): the configuration's axes, whether it has a summary, the error's message and what the
 * run context says of the phone. No summary is read:
 * a configuration's pool is stored once computed (`ComparePoolRepo`), and the summaries are read
 * (`RunRepo.compareSummaries`) only for the pools not stored yet.
 */
export const compareRunSchema = z
  .object({
    id: z.string(),
    state: runStateSchema,
    deviceKey: z.string(),
    sweepId: z.string().nullable(),
    // The axes, taken out of the request by SQLite when the run ended: flat columns check far
    // faster than the request's JSON through its schema (10 000 runs on a studio's first Compare).
    model: runRequestSchema.shape.model,
    chunk: z.number().int().positive(),
    sink: z.number().int().nonnegative(),
    window: z.number().int().positive(),
    memory: z.enum(['on', 'off']),
    quant: z.string(),
    ep: runRequestSchema.shape.ep.unwrap(),
    threads: z.number().int().positive(),
    /** SQLite answers `summary IS NOT NULL` as 0 or 1. */
    measured: z.union([z.literal(0), z.literal(1)]),
    errorMessage: z.string().nullable(),
    phoneModel: z.string().nullable(),
    abi: z.string().nullable(),
    /** SQLite's json_extract answers a JSON boolean as 0 or 1; null without a context. */
    emulated: z.union([z.literal(0), z.literal(1)]).nullable(),
  })
  .transform((row) => ({
    id: row.id,
    state: row.state,
    deviceKey: row.deviceKey,
    sweepId: row.sweepId,
    request: {
      model: row.model,
      scenario: { chunk: row.chunk, sink: row.sink, window: row.window, memory: row.memory },
      quant: row.quant,
      ep: row.ep,
      threads: row.threads,
    } satisfies ConfigurationAxes,
    measured: row.measured === 1,
    errorMessage: row.errorMessage,
    phone:
      row.emulated === null
        ? null
        : { model: row.phoneModel, abi: row.abi, emulated: row.emulated === 1 },
  }));
export type CompareRun = z.output<typeof compareRunSchema>;

/** The columns of `compare_runs` (migration 7) as `compareRunSchema` reads them. */
export const compareRunColumns = `id, state, device_key AS deviceKey, sweep_id AS sweepId, model,
  chunk, sink, window_size AS window, memory, quant, ep, threads, measured,
  error_message AS errorMessage, phone_model AS phoneModel, abi, emulated`;

/** A run's summary as a pool reads it (`RunRepo.compareSummaries`). */
export const compareSummarySchema = z.object({ id: z.string(), summary: json(runSummarySchema) });
export type CompareSummary = z.output<typeof compareSummarySchema>;
