import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildRequest } from '../../../shared/build-request';
import type { ModelInspection } from '../../../shared/graph';
import { ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { ArtifactCache } from '../graphs/artifact-cache';
import { buildGraphs } from '../graphs/build-graphs';
import { inspectGraphFile } from '../graphs/graph-service';
import { resolveModelPath } from '../graphs/model-source';
import { weightsFileName } from '../graphs/weights-file';
import type { JobContext } from '../jobs/job-session';
import type { BuiltArtifact } from './accuracy/host-reference';
import { runPrompts, type RunPrompts } from './accuracy/run-prompts';

/** What the host prepares before a run touches its phone. */
export interface HostPrepared {
  inspection: ModelInspection;
  prompts: RunPrompts;
  /** The graphs the phone runs. */
  artifact: BuiltArtifact;
  /** The float graphs of the same scenario: the accuracy's cache part is measured on them. */
  float: BuiltArtifact;
  /** Bytes of the artifact's weights (its weights file, else its graphs with weights inline). */
  weightsBytes: number;
}

/** The build part of a run request. */
export function buildOf(request: RunRequest): BuildRequest {
  const { model, scenario, quant, calibration, keepFloat, quantizeHead } = request;
  return { model, scenario, quant, calibration, keepFloat, quantizeHead };
}

/**
 * Everything a run needs from the host, checked before any phone is leased: the model, the
 * prompts, and the graphs (built, or found in the artifact cache), float ones too when the run
 * measures accuracy on quantised graphs.
 */
export async function prepareOnHost(
  request: RunRequest,
  cache: ArtifactCache,
  context: JobContext,
): Promise<Result<HostPrepared>> {
  const inspection = await inspectOnce(request.model);
  if (!inspection.ok) return inspection;
  const prompts = await runPrompts(request, inspection.value);
  if (!prompts.ok) return prompts;
  const build = buildOf(request);
  const progress = (step: number, steps: number, message: string) =>
    context.progress((0.1 * step) / Math.max(steps, 1), `build: ${message}`);
  const artifact = await buildGraphs(build, cache, progress, context.signal);
  if (!artifact.ok) return artifact;
  const needsFloat = request.quant !== 'float' && prompts.value.scored.length > 0;
  const float = needsFloat
    ? await buildGraphs({ ...build, quant: 'float' }, cache, undefined, context.signal)
    : artifact;
  if (!float.ok) return float;
  return ok({
    inspection: inspection.value,
    prompts: prompts.value,
    artifact: artifact.value,
    float: float.value,
    weightsBytes: await weightsBytesOf(artifact.value),
  });
}

/** Inspections of model files by path, size and mtime: a sweep's runs read each model once. */
const inspections = new Map<string, Result<ModelInspection>>();

async function inspectOnce(model: string): Promise<Result<ModelInspection>> {
  const path = resolveModelPath(model);
  const info = typeof path === 'string' ? await stat(path).catch(() => null) : null;
  const key = info ? `${path as string}\0${info.size}:${info.mtimeMs}` : null;
  const known = key === null ? undefined : inspections.get(key);
  if (known) return known;
  const inspected = await inspectGraphFile(model);
  if (key !== null && inspected.ok) {
    if (inspections.size >= 32) inspections.delete(inspections.keys().next().value!);
    inspections.set(key, inspected);
  }
  return inspected;
}

async function weightsBytesOf(artifact: BuiltArtifact): Promise<number> {
  const size = (file: string) =>
    stat(join(artifact.dir, file)).then(
      (info) => info.size,
      () => null,
    );
  const weights = await size(weightsFileName);
  if (weights !== null) return weights;
  return (await size(artifact.prefill.file)) ?? 0;
}
