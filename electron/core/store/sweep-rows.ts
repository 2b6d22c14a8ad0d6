import { z } from 'zod';
import { profileSchema } from '../../../shared/profile';
import { studioErrorSchema } from '../../../shared/result';
import { runRequestSchema } from '../../../shared/run';
import { runStateSchema } from '../../../shared/run-state';
import { sweepPointStatusSchema } from '../../../shared/sweep';

/** A JSON text column parsed and checked by `schema` (an issue when it is not that JSON). */
export const json = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, context) => {
    try {
      return schema.parse(JSON.parse(text)) as z.output<T>;
    } catch {
      context.addIssue({ code: 'custom', message: 'not the JSON it should be' });
      return z.NEVER;
    }
  });

/** A `sweeps` row as SQLite answers it, turned into the sweep's stored fields. */
export const sweepRowSchema = z
  .object({
    id: z.string(),
    profile_name: z.string(),
    profile: json(profileSchema),
    state: runStateSchema,
    error: json(studioErrorSchema).nullable(),
    concurrency: z.number().int().positive().nullable(),
    concurrency_note: z.string().nullable(),
    created_at: z.number(),
    ended_at: z.number().nullable(),
    owner: z.string(),
  })
  .transform((row) => ({
    id: row.id,
    profileName: row.profile_name,
    profile: row.profile,
    state: row.state,
    error: row.error,
    concurrency: row.concurrency,
    concurrencyNote: row.concurrency_note,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    owner: row.owner,
  }));
export type SweepRow = z.output<typeof sweepRowSchema>;

/** A `sweep_points` row, turned into a sweep point. */
export const pointRowSchema = z
  .object({
    sweep_id: z.string(),
    point_key: z.string(),
    planned_device: z.string(),
    device_key: z.string(),
    request: json(runRequestSchema),
    status: sweepPointStatusSchema,
    reason: z.string().nullable(),
    run_ids: json(z.array(z.string())),
    attempts: z.number().int().nonnegative(),
  })
  .transform((row) => ({
    sweepId: row.sweep_id,
    pointKey: row.point_key,
    plannedDevice: row.planned_device,
    deviceKey: row.device_key,
    request: row.request,
    status: row.status,
    reason: row.reason,
    runIds: row.run_ids,
    attempts: row.attempts,
  }));
