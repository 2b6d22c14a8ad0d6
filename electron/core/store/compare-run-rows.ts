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
 * A run as Compare reads it (`RunRepo.compareRows`): the configuration's axes, the summary, the
 * error's message and what the run context says of the phone. Reading only these through their
 * schemas is a third faster than whole records over 10 000 runs (the request's other fields and
 * the context are most of a record's checks).
 */
export const compareRunSchema = z
  .object({
    id: z.string(),
    state: runStateSchema,
    deviceKey: z.string(),
    sweepId: z.string().nullable(),
    request: json(configurationAxesSchema),
    summary: json(runSummarySchema).nullable(),
    errorMessage: z.string().nullable(),
    phoneModel: z.string().nullable(),
    abi: z.string().nullable(),
    /** SQLite's json_extract answers a JSON boolean as 0 or 1; null without a context. */
    emulated: z.union([z.literal(0), z.literal(1)]).nullable(),
  })
  .transform(({ phoneModel, abi, emulated, ...run }) => ({
    ...run,
    phone: emulated === null ? null : { model: phoneModel, abi, emulated: emulated === 1 },
  }));
export type CompareRun = z.output<typeof compareRunSchema>;

/** The columns `compareRunSchema` reads, the context's and error's fields taken out by SQLite. */
export const compareRunColumns = `id, state, device_key AS deviceKey, sweep_id AS sweepId, request,
  summary, json_extract(error, '$.message') AS errorMessage,
  json_extract(context, '$.model') AS phoneModel, json_extract(context, '$.abi') AS abi,
  json_extract(context, '$.emulated') AS emulated`;
