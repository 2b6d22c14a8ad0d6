import { fail, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { RunSummary } from '../../../shared/run-metrics';
import type { DeviceService } from '../devices/device-service';
import { acquireLease } from '../devices/lease/device-lease';
import type { ArtifactCache } from '../graphs/artifact-cache';
import type { JobContext } from '../jobs/job-session';
import type { RunRepo } from '../store/run-repo';
import type { HostReferences } from './accuracy/host-reference';
import { prepareOnHost } from './run-host';
import { runOnPhone } from './run-phone';
import { RunRecorder, type RecorderSink } from './run-recorder';
import type { RuntimeCatalog } from './runtimes/runtime-catalog';

/** What a run session works with. */
export interface SessionDeps {
  devices: DeviceService;
  cache: ArtifactCache;
  runtimes: RuntimeCatalog;
  references: HostReferences;
  repo: RunRepo;
  /** The studio's data dir: a run's pulled files go under `runs/<id>/`. */
  dataDir: string;
  sink: RecorderSink;
  /** Keeps what a run that did not finish still measured (its job has no result then). */
  keepPartial(runId: string, summary: RunSummary): void;
}

/**
 * One run, as its job's work: build the graphs (cached) → take the phone's lease → push what is
 * missing → run, sampling from outside → score accuracy → summarise. Every sample is recorded as
 * it arrives and written in batches; whatever happens, the lease is released and the last batch
 * flushed before the job ends.
 */
export async function runSession(
  request: RunRequest,
  deps: SessionDeps,
  context: JobContext,
): Promise<Result<RunSummary>> {
  const recorder = new RunRecorder(context.jobId, deps.sink);
  try {
    const host = await prepareOnHost(request, deps.cache, context);
    if (!host.ok) return host;
    const found = await deps.devices.device(request.device);
    if (!found.ok) return found;
    const { device, entry } = found.value;
    const lease = await acquireLease(device, { owner: `edge-studio run ${context.jobId}` });
    if (!lease.ok) return lease;
    try {
      const adb = deps.devices.adbTarget(entry);
      return await runOnPhone({ request, deps, context, recorder, device, adb, host: host.value });
    } finally {
      await lease.value.release();
    }
  } catch (error) {
    if (context.signal.aborted) return fail('cancelled', 'The run was stopped');
    throw error;
  } finally {
    recorder.flush();
  }
}
