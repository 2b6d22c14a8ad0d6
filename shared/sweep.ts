import { z } from 'zod';
import { profileSchema } from './profile';
import { studioErrorSchema, type StudioError } from './result';
import { runIdSchema, runRequestSchema } from './run';
import { runStateSchema } from './run-state';

/** A sweep id, made by the studio when the sweep starts (kept across resumes). */
export const sweepIdSchema = z.string().min(1).max(64);

/** Where one point of a sweep is, on one phone. */
export const sweepPointStatuses = [
  'pending',
  'running',
  'finished',
  'failed',
  'infeasible',
  'skipped',
  'cancelled',
] as const;
export const sweepPointStatusSchema = z.enum(sweepPointStatuses);
export type SweepPointStatus = z.infer<typeof sweepPointStatusSchema>;

/** How far a sweep (or its share on one phone) has come, in points. */
export const sweepCountsSchema = z.object({
  planned: z.number().int().nonnegative(),
  /** Points whose run finished. */
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  infeasible: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
});
export type SweepCounts = z.infer<typeof sweepCountsSchema>;

/** A sweep as the store keeps it and `sweep:get` / `sweep:list` answer. */
export const sweepRecordSchema = z.object({
  id: sweepIdSchema,
  profileName: z.string(),
  /** The profile as it ran (defaults applied), so a resume runs the same grid. */
  profile: profileSchema,
  state: runStateSchema,
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  error: studioErrorSchema.nullable(),
  counts: sweepCountsSchema,
  /** The same counts per phone, by farm key. */
  perPhone: z.record(z.string(), sweepCountsSchema),
  /** How many runs may go at once, and why no more (an emulated farm: the host's cores). */
  concurrency: z.number().int().positive().nullable(),
  concurrencyNote: z.string().nullable(),
});
export type SweepRecord = z.infer<typeof sweepRecordSchema>;

/**
 * One grid point planned on one phone. `plannedDevice` is the phone it was planned on;
 * `deviceKey` where it runs now (another eligible phone after a run lost to `device-lost`).
 */
export const sweepPointSchema = z.object({
  sweepId: sweepIdSchema,
  pointKey: z.string(),
  plannedDevice: z.string(),
  deviceKey: z.string(),
  /** The run request, its `device` the phone it runs on now. */
  request: runRequestSchema,
  status: sweepPointStatusSchema,
  /** Why it is infeasible, skipped, failed, cancelled or was moved. */
  reason: z.string().nullable(),
  /** Every run started for it, oldest first; the last is the current one. */
  runIds: z.array(runIdSchema),
  attempts: z.number().int().nonnegative(),
});
export type SweepPoint = z.infer<typeof sweepPointSchema>;

/** A sweep and every point of it, as `sweep:get` answers. */
export const sweepDetailsSchema = z.object({
  sweep: sweepRecordSchema,
  points: z.array(sweepPointSchema),
});
export type SweepDetails = z.infer<typeof sweepDetailsSchema>;

/** What `sweep:onDidProgress` sends at each change of a sweep. */
export const sweepProgressSchema = z.object({
  sweepId: sweepIdSchema,
  state: runStateSchema,
  counts: sweepCountsSchema,
  perPhone: z.record(z.string(), sweepCountsSchema),
  concurrency: z.number().int().positive().nullable(),
  concurrencyNote: z.string().nullable(),
  /** The point that changed, when one did. */
  point: sweepPointSchema.nullable(),
});
export type SweepProgress = z.infer<typeof sweepProgressSchema>;

/** Counts of a list of points. Pure. */
export function countPoints(points: readonly Pick<SweepPoint, 'status'>[]): SweepCounts {
  const counts = {
    planned: points.length,
    done: 0,
    failed: 0,
    infeasible: 0,
    skipped: 0,
    running: 0,
    cancelled: 0,
  };
  for (const { status } of points) {
    if (status === 'finished') counts.done++;
    else if (status !== 'pending') counts[status]++;
  }
  return counts;
}

/** Counts per phone (the phone each point runs on now). Pure. */
export function countPerPhone(points: readonly SweepPoint[]): Record<string, SweepCounts> {
  const byPhone = new Map<string, SweepPoint[]>();
  for (const point of points) {
    const list = byPhone.get(point.deviceKey);
    if (list) list.push(point);
    else byPhone.set(point.deviceKey, [point]);
  }
  return Object.fromEntries([...byPhone].map(([key, list]) => [key, countPoints(list)]));
}

/** What `sweep:start` sweeps: a profile by name (`profile:list`), by file, or given inline. */
export const sweepStartArgsSchema = z
  .object({
    name: z.string().min(1).max(64).optional(),
    file: z.string().min(1).max(4096).optional(),
    profile: profileSchema.optional(),
  })
  .strict()
  .refine(
    (args) =>
      [args.name, args.file, args.profile].filter((each) => each !== undefined).length === 1,
    'give exactly one of name, file or profile',
  );
export type SweepStartArgs = z.output<typeof sweepStartArgsSchema>;

/**
 * The error of a sweep whose studio stopped while it was live (the store's `markInterrupted`): `failed` with
 * code `cancelled`, as an interrupted run is (`interruptedError`): cut off from outside, not
 * stopped cleanly. A resume continues it.
 */
export const sweepInterruptedError: StudioError = {
  code: 'cancelled',
  message: 'Interrupted: the studio running this sweep stopped; resuming it runs the points left',
};

/** Whether a sweep ended because its studio stopped while it ran (`sweepInterruptedError`). */
export function wasInterrupted(sweep: Pick<SweepRecord, 'state' | 'error'>): boolean {
  return sweep.state === 'failed' && sweep.error?.code === sweepInterruptedError.code;
}
