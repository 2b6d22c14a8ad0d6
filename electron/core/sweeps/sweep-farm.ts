import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { DeviceService } from '../devices/device-service';
import { readDeviceDetails } from '../devices/device-details';
import type { ArtifactCache } from '../graphs/artifact-cache';
import { buildGraphs } from '../graphs/build-graphs';
import { weightsFileName } from '../graphs/weights-file';
import type { JobRegistry } from '../jobs/job-registry';
import type { RunService } from '../runs/run-service';
import { buildOf } from '../runs/run-host';
import type { Footprint } from './feasibility';
import type { SweepPhone } from './phone-selection';
import type { RunStarter } from './sweep-loop';

/** The farm's ready phones with their details (model, SoC, ABI, RAM), for selection. */
export async function farmPhones(devices: DeviceService): Promise<SweepPhone[]> {
  const snapshot = await devices.snapshot();
  const ready = snapshot.devices.filter((each) => each.state === 'device' && each.serialno);
  const phones = await Promise.all(
    ready.map(async (summary): Promise<SweepPhone | null> => {
      const found = await devices.device(summary.key);
      if (!found.ok) return null;
      const details = await readDeviceDetails(found.value.device, summary.key);
      const { key, host, serialno, transport, emulated } = summary;
      const { model, soc, abi, ramKb } = details;
      return { key, host, serialno, transport, emulated, model, soc, abi, ramKb };
    }),
  );
  return phones.filter((phone) => phone !== null);
}

/**
 * Builds a request's graphs (once: the artifact cache keeps them, and shares a build in flight)
 * — the float ones too when the run scores quantised graphs against them — and answers what the
 * graph needs resident: its weights file and its scenario's KV cache + memory state.
 */
export async function buildFootprint(
  request: Omit<RunRequest, 'device'>,
  cache: ArtifactCache,
  signal: AbortSignal,
): Promise<Result<Footprint>> {
  const build = buildOf({ ...request, device: '' });
  const artifact = await buildGraphs(build, cache, undefined, signal);
  if (!artifact.ok) return artifact;
  if (request.quant !== 'float' && request.accuracyPrompts > 0) {
    const float = await buildGraphs({ ...build, quant: 'float' }, cache, undefined, signal);
    if (!float.ok) return float;
  }
  const size = (file: string) => stat(join(artifact.value.dir, file)).then((info) => info.size);
  const weightsBytes = await size(weightsFileName).catch(() => size(artifact.value.prefill.file));
  const { kvCacheBytes, memoryStateBytes } = artifact.value;
  return ok({ weightsBytes, stateBytes: kvCacheBytes + memoryStateBytes });
}

/** Runs of a sweep through the run service, followed through their jobs. */
export function serviceRuns(runs: RunService, jobs: JobRegistry): RunStarter {
  return {
    start: (request, sweepId) => runs.start(request, sweepId),
    ended: async (runId) => {
      const job = jobs.get(runId);
      if (!job) return { state: 'failed', error: { code: 'internal', message: `no job ${runId}` } };
      const { state, error } = await job.done;
      return { state, error };
    },
    stop: (runId) => void runs.stop(runId),
  };
}
