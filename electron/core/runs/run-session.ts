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
import { removeRunDir, readRunDevice } from './run-device';
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
 * One run, as its job's work: build the graphs (cached) → take the phone's lease (reading its
 * details meanwhile) → push what is missing → run, sampling from outside → score accuracy → summarise. Every sample is recorded as
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
    // The phone's details need no lease: they are read while it is taken.
    const [lease, phone] = await Promise.all([
      acquireLease(device, { owner: `edge-studio run ${context.jobId}` }),
      readRunDevice(device, request, deps.runtimes),
    ]);
    if (!lease.ok) return lease;
    try {
      if (!phone.ok) return phone;
      const adb = deps.devices.adbTarget(entry);
      const run = { request, deps, context, recorder, device, adb, host: host.value };
      return await runOnPhone({ ...run, phone: phone.value });
    } finally {
      // Its folder and its lease are the run's two marks on the phone: both go at once.
      await Promise.all([removeRunDir(device, context.jobId), lease.value.release()]);
    }
  } catch (error) {
    if (context.signal.aborted) return fail('cancelled', 'The run was stopped');
    throw error;
  } finally {
    recorder.flush();
  }
}
