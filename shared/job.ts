import { z } from 'zod';
import { logLevelSchema } from './app-info';
import { cachedPushSchema, pushProgressSchema } from './device';
import { fidelityReportSchema, graphArtifactSchema } from './graph';
import { studioErrorSchema } from './result';
import { runStateSchema } from './run-state';
import { runSummarySchema } from './run-metrics';
import { sweepCountsSchema } from './sweep';

/** Where a push is: bytes sent of the file's total, and its phase. */
export const pushTransferSchema = pushProgressSchema.pick({
  bytes: true,
  total: true,
  phase: true,
});
export type PushTransfer = z.infer<typeof pushTransferSchema>;

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
  z.object({
    ...common,
    kind: z.literal('device-push'),
    result: cachedPushSchema.nullable(),
    /** The latest bytes / phase of the push, with its progress; null until it reads the file. */
    transfer: pushTransferSchema.nullable().default(null),
  }),
  /** A run on a phone (`run:start`); its id is the run's, its result the run's summary. */
  z.object({ ...common, kind: z.literal('run'), result: runSummarySchema.nullable() }),
  /** A sweep (`sweep:start` / `sweep:resume`): its subject the sweep's id, its result its counts. */
  z.object({ ...common, kind: z.literal('sweep'), result: sweepCountsSchema.nullable() }),
]);
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;
export type JobKind = JobSnapshot['kind'];
export type JobResult<K extends JobKind> = NonNullable<Extract<JobSnapshot, { kind: K }>['result']>;

type PushJob = Extract<JobSnapshot, { kind: 'device-push' }>;

/** A push job as a push list shows it: its id, phone, bytes and phase (its end state last). */
export function pushProgressOf(job: PushJob): z.infer<typeof pushProgressSchema> {
  const transfer = job.transfer ?? { bytes: 0, total: 0, phase: 'checking' as const };
  const phase =
    job.state === 'cancelled' || job.state === 'failed'
      ? job.state
      : job.state === 'finished' && (transfer.phase === 'pushing' || transfer.phase === 'verifying')
        ? 'done'
        : transfer.phase;
  return {
    pushId: job.id,
    deviceKey: job.subject,
    bytes: transfer.bytes,
    total: transfer.total,
    phase,
  };
}

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
