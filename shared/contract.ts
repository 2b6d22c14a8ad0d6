import { z } from 'zod';
import { appInfoSchema, logEntrySchema } from './app-info';
import { buildRequestSchema, fidelityRequestSchema, modelArgumentSchema } from './build-request';
import {
  compareQuerySchema,
  compareSignificanceArgsSchema,
  compareSignificanceSchema,
  compareResultSchema,
  reportBuildArgsSchema,
  reportDiffArgsSchema,
  reportDiffSchema,
  reportEntrySchema,
} from './compare';
import { modelInspectionSchema } from './graph';
import { deviceDetailsSchema, farmSnapshotSchema, hostPortStringSchema } from './device';
import { watchedSampleSchema } from './device-sample';
import { batchSchema } from './stream-batch';
import { jobDetailsSchema, jobIdSchema, jobSnapshotSchema, jobStartedSchema } from './job';
import {
  profileDocumentSchema,
  profileEntrySchema,
  profileFileArgsSchema,
  profileSaveArgsSchema,
  profileTextArgsSchema,
  profileValidationSchema,
} from './profile-file';
import { resultSchema, type Result } from './result';
import { runtimeAddSchema, runtimeBundleSchema } from './runtime';
import {
  runIdSchema,
  runListFilterSchema,
  runMetricsBatchSchema,
  runRecordSchema,
  runRequestSchema,
  runSampleSchema,
  runStateChangeSchema,
} from './run';
import { settingEntrySchema, settingKeySchema } from './settings';
import {
  sweepDetailsSchema,
  sweepIdSchema,
  sweepProgressSchema,
  sweepRecordSchema,
  sweepStartArgsSchema,
} from './sweep';

const noArgs = z.object({}).strict();
const runIdArgs = z.object({ runId: runIdSchema }).strict();
const sweepIdArgs = z.object({ sweepId: sweepIdSchema }).strict();

/** The farm's adb servers: from `--adb` / the environment, plus those saved in the store. */
const farmHostsSchema = z.object({
  fromCommandLine: z.array(z.string()),
  saved: z.array(z.string()),
  effective: z.array(z.string()),
});

/** One saved `adb connect` endpoint (Wi-Fi debugging, an STF remote-connect URL) and its link. */
export const farmEndpointStatusSchema = z.object({
  /** `HOST:PORT`, IPv6 in brackets: the transport serial adb lists the phone under. */
  address: z.string(),
  status: z.enum(['connecting', 'connected', 'reconnecting', 'refused']),
  /** adb's own words when it refused, or what the phone waits for (e.g. unauthorized). */
  message: z.string().nullable(),
});

export type FarmEndpointStatus = z.infer<typeof farmEndpointStatusSchema>;

/** The saved endpoints, each with its status, in the order they were saved. */
const farmEndpointsSchema = z.object({ endpoints: z.array(farmEndpointStatusSchema) });

/**
 * Every invoke channel: args schema → result schema. Hosts, the preload API, the web bridge and
 * test doubles are all derived from this map; nothing re-types a channel by hand.
 */
export const invokeChannels = {
  'app:info': { args: noArgs, result: appInfoSchema },
  'app:logs': { args: noArgs, result: z.object({ entries: z.array(logEntrySchema) }) },
  'settings:get': {
    args: z.object({ key: settingKeySchema }).strict(),
    result: settingEntrySchema,
  },
  'settings:set': { args: settingEntrySchema, result: settingEntrySchema },
  'graph:inspect': {
    args: z.object({ model: modelArgumentSchema }).strict(),
    result: modelInspectionSchema,
  },
  /** Starts a `graph-build` job; the artifact lands in the job's `result`. */
  'graph:build': { args: buildRequestSchema, result: jobStartedSchema },
  /** Starts a `graph-fidelity` job; the report lands in the job's `result`. */
  'graph:fidelity': { args: fidelityRequestSchema, result: jobStartedSchema },
  'device:list': { args: noArgs, result: farmSnapshotSchema },
  'device:details': {
    args: z.object({ key: z.string().min(1).max(512) }).strict(),
    result: deviceDetailsSchema,
  },
  /**
   * Starts a `device-push` job (a verified push into the phone's cache); the outcome lands in the
   * job's `result`. `job:cancel` cancels it: it ends `cancelled`, nothing cached.
   */
  'device:push': {
    args: z
      .object({
        key: z.string().min(1).max(512),
        file: z.string().min(1).max(4096),
        verify: z.boolean().default(true),
      })
      .strict(),
    result: jobStartedSchema,
  },
  /**
   * Samples the phone (battery, thermal, and the memory of `pid` when given) every `intervalMs`,
   * broadcast as `device:onDidSample`, until `until`: a watcher calls again to keep it going.
   */
  'device:watch': {
    args: z
      .object({
        key: z.string().min(1).max(512),
        intervalMs: z.number().int().min(200).max(60_000).default(1000),
        pid: z.number().int().positive().optional(),
      })
      .strict(),
    result: z.object({ until: z.number() }),
  },
  /** The jobs in flight and those ended lately, for a window that opens mid-job. */
  'job:list': { args: noArgs, result: z.object({ jobs: z.array(jobSnapshotSchema) }) },
  'job:get': { args: z.object({ jobId: jobIdSchema }).strict(), result: jobDetailsSchema },
  /** Stops a job (it ends `cancelled`, killed if it does not stop in time); false once ended. */
  'job:cancel': {
    args: z.object({ jobId: jobIdSchema }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
  /** The runtime bundles: those the setup step built, then those users registered. */
  'runtime:list': { args: noArgs, result: z.object({ bundles: z.array(runtimeBundleSchema) }) },
  /** Registers a bundle folder after checking its bundle.json and every file's size and sha256. */
  'runtime:add': { args: runtimeAddSchema, result: runtimeBundleSchema },
  /** Forgets a registered bundle (its folder stays); a built one cannot be removed. */
  'runtime:remove': {
    args: z.object({ id: z.string().min(1).max(64) }).strict(),
    result: z.object({ removed: z.literal(true) }),
  },
  /**
   * Starts a run (build, push, run, sample, measure) on one phone; answers its id at once. Its
   * state goes out as `run:onDidChangeState`, its samples as `run:metrics`.
   */
  'run:start': { args: runRequestSchema, result: z.object({ runId: runIdSchema }) },
  /** Stops a run: the runner is killed on the phone; false once it has ended. */
  'run:stop': { args: runIdArgs, result: z.object({ stopped: z.boolean() }) },
  'run:list': { args: runListFilterSchema, result: z.object({ runs: z.array(runRecordSchema) }) },
  'run:get': { args: runIdArgs, result: runRecordSchema },
  /** A run's samples from index `after + 1` on, in order (a window refills a gap with it). */
  'run:samples': {
    args: z
      .object({
        runId: runIdSchema,
        after: z.number().int().min(-1).default(-1),
        limit: z.number().int().min(1).max(50_000).default(10_000),
      })
      .strict(),
    result: z.object({ samples: z.array(runSampleSchema), more: z.boolean() }),
  },
  /** Deletes a finished run with its samples, statistics and pulled files. */
  'run:delete': { args: runIdArgs, result: z.object({ deleted: z.literal(true) }) },
  /** The profiles shipped in the studio's `profiles/` and the user's in the data dir, checked. */
  'profile:list': { args: noArgs, result: z.object({ profiles: z.array(profileEntrySchema) }) },
  /** A profile file's text and, when valid, the profile (a file outside both folders is refused). */
  'profile:get': { args: profileFileArgsSchema, result: profileDocumentSchema },
  /** Writes profile text to its file, atomically; refused with every issue when it is invalid. */
  'profile:save': { args: profileSaveArgsSchema, result: z.object({ file: z.string() }) },
  /** Checks profile text: issues with line and field path, and the grid's size when valid. */
  'profile:validate': { args: profileTextArgsSchema, result: profileValidationSchema },
  /**
   * Starts a sweep of a profile (by name, file or inline) on the phones its selector picks;
   * answers its id at once. It goes out as `sweep:onDidProgress` at every change.
   */
  'sweep:start': { args: sweepStartArgsSchema, result: z.object({ sweepId: sweepIdSchema }) },
  /** Stops a sweep and its runs; false when it is not running in this studio. */
  'sweep:stop': { args: sweepIdArgs, result: z.object({ stopped: z.boolean() }) },
  /** Continues a stopped sweep: orphaned runners ended, finished runs kept, the rest run. */
  'sweep:resume': { args: sweepIdArgs, result: z.object({ sweepId: sweepIdSchema }) },
  'sweep:list': { args: noArgs, result: z.object({ sweeps: z.array(sweepRecordSchema) }) },
  'sweep:get': { args: sweepIdArgs, result: sweepDetailsSchema },
  /**
   * Configurations of sweeps and runs pooled per phone (or farm-wide), with the Pareto frontier,
   * the budgets each breaks and the recommendation per phone.
   */
  'compare:query': { args: compareQuerySchema, result: compareResultSchema },
  /**
   * Two configurations of a query's answer (by key) side by side: a two-sided Mann–Whitney U
   * test of B against A on TTFT and on per-token KL, in plain words. A key the query does not
   * answer, or one with no measured runs, is `not-found`.
   */
  'compare:significance': {
    args: compareSignificanceArgsSchema,
    result: compareSignificanceSchema,
  },
  /** Sweep B against sweep A configuration by configuration; regressions only where CIs separate. */
  'report:diff': { args: reportDiffArgsSchema, result: reportDiffSchema },
  /**
   * Writes a sweep's report (HTML, CSV or JSON; a diff with `against`) to `out`, else into the
   * data dir's `reports/`; answers the file it wrote.
   */
  'report:build': { args: reportBuildArgsSchema, result: reportEntrySchema },
  /** The reports the studio wrote that are still there, newest first. */
  'report:list': { args: noArgs, result: z.object({ reports: z.array(reportEntrySchema) }) },
  'farm:getHosts': { args: noArgs, result: farmHostsSchema },
  'farm:setHosts': {
    args: z.object({ saved: z.array(hostPortStringSchema).max(64) }).strict(),
    result: farmHostsSchema,
  },
  'farm:getEndpoints': { args: noArgs, result: farmEndpointsSchema },
  /** Replaces the saved endpoints: new ones are attached with `adb connect`, dropped ones disconnected. */
  'farm:setEndpoints': {
    args: z.object({ saved: z.array(hostPortStringSchema).max(256) }).strict(),
    result: farmEndpointsSchema,
  },
} as const;

/** Every event channel with its payload schema (main → renderer). */
export const eventChannels = {
  'app:onDidLog': logEntrySchema,
  'settings:onDidChange': settingEntrySchema,
  /** The farm's snapshots, batched: sent only on change, at most every 50 ms (core/jobs/batcher). */
  'device:onDidChange': batchSchema(farmSnapshotSchema),
  'device:onDidSample': watchedSampleSchema,
  /** The saved endpoints' statuses, on every change. */
  'farm:onDidChangeEndpoints': farmEndpointsSchema,
  /** A job's snapshot on every change (progress at most 10 times a second per job). */
  'job:onDidChange': jobSnapshotSchema,
  /** A run's state and progress on every change. */
  'run:onDidChangeState': runStateChangeSchema,
  /** A sweep's state, counts (overall and per phone) and the point that changed. */
  'sweep:onDidProgress': sweepProgressSchema,
  /** A run's samples as they arrive, batched per run (at most every 50 ms; seq per run). */
  'run:metrics': runMetricsBatchSchema,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['args']>;
export type InvokeValue<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['result']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}

const resultSchemas = new Map<InvokeChannel, z.ZodType<Result<unknown>>>();

/**
 * Schema of the `Result` an invoke channel answers with, made once per channel: zod builds a
 * schema's checks on its first parse, so one made per answer was built again each time.
 */
export function invokeResultSchema(channel: InvokeChannel): z.ZodType<Result<unknown>> {
  const made = resultSchemas.get(channel) ?? resultSchema(invokeChannels[channel].result);
  resultSchemas.set(channel, made);
  return made;
}

/** The API `window.studio` offers in every host. */
export interface StudioApi {
  invoke<C extends InvokeChannel>(channel: C, args: InvokeArgs<C>): Promise<Result<InvokeValue<C>>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Main-side implementation of every invoke channel; args arrive already validated. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (
    args: z.output<(typeof invokeChannels)[C]['args']>,
  ) => Promise<Result<InvokeValue<C>>>;
};
