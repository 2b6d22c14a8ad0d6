import { z } from 'zod';
import { logLevelSchema } from './app-info';
import { cachedPushSchema } from './device';
import { fidelityReportSchema, graphArtifactSchema } from './graph';
import { studioErrorSchema } from './result';
import { runStateSchema } from './run-state';

/** A job id, made by the studio when the job starts. */
export const jobIdSchema = z.string().min(1).max(64);

/** How far a job has come: a fraction in [0, 1] and what it is doing now. */
export const jobProgressSchema = z.object({
  fraction: z.number().min(0).max(1),
  message: z.string(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

/** One line of a job's log. */
export const jobLogEntrySchema = z.object({
  time: z.number(),
  level: logLevelSchema,
  message: z.string(),
});
export type JobLogEntry = z.infer<typeof jobLogEntrySchema>;

const common = {
  id: jobIdSchema,
  state: runStateSchema,
  /** What the job works on: the model of a build, the phone of a push. */
  subject: z.string(),
  label: z.string(),
  progress: jobProgressSchema,
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Set when the job ended `failed` (or `cancelled`, saying how). */
  error: studioErrorSchema.nullable(),
};

/**
 * A job as every host shows it, one variant per kind; `result` is set once it ended `finished`.
 */
export const jobSnapshotSchema = z.discriminatedUnion('kind', [
  z.object({
    ...common,
    kind: z.literal('graph-build'),
    result: graphArtifactSchema.extend({ dir: z.string() }).nullable(),
  }),
  z.object({
    ...common,
    kind: z.literal('graph-fidelity'),
    result: fidelityReportSchema.nullable(),
  }),
  z.object({ ...common, kind: z.literal('device-push'), result: cachedPushSchema.nullable() }),
]);
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;
export type JobKind = JobSnapshot['kind'];
export type JobResult<K extends JobKind> = NonNullable<Extract<JobSnapshot, { kind: K }>['result']>;

/** A job with its (bounded) log, as `job:get` answers. */
export const jobDetailsSchema = z.object({
  job: jobSnapshotSchema,
  logs: z.array(jobLogEntrySchema),
  /** Log lines dropped off the front of the bounded log. */
  droppedLogs: z.number().int().nonnegative(),
});
export type JobDetails = z.infer<typeof jobDetailsSchema>;

/** What a channel that starts a job answers at once. */
export const jobStartedSchema = z.object({ jobId: jobIdSchema });
