import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  kvCacheBytes,
  memoryStateBytes,
  type DecoderGeometry,
  type GraphArtifact,
  type ModelInspection,
} from '../../../shared/graph';
import { parseQuantSpec } from '../../../shared/quant-spec';
import { fail, ok, type Result } from '../../../shared/result';
import type { Scenario } from '../../../shared/scenario';
import { studioVersion } from '../paths';
import { ArtifactCache } from './artifact-cache';
import { inspectModel } from './inspect';
import { hashModel, readOnnx, writeOnnx, type LoadedModel } from './onnx-io';
import { checkOutputDims, expectedOutputDims, pinOutputs, runOnce } from './ort-check';
import { resolveModelPath } from './model-source';
import { loadTokenizer } from './tokenizer';
import { phaseDims, checkScenarioForModel, specialiseGraph, type Phase } from './specialise';

/** Bumped when specialisation changes what it writes, so old artifacts are not reused. */
export const graphToolVersion = 'graphs-1';

export interface BuildRequest {
  model: string;
  scenario: Scenario;
  quant: string;
}

export type ProgressListener = (step: number, steps: number, message: string) => void;

const steps = 6;

/**
 * Specialises a model for a scenario into a prefill and a decode graph, each run once in
 * onnxruntime-node with its output shapes asserted, cached by content in `cache`.
 */
export async function buildGraphs(
  request: BuildRequest,
  cache: ArtifactCache,
  onProgress: ProgressListener = () => undefined,
): Promise<Result<GraphArtifact & { dir: string }>> {
  const quant = parseQuantSpec(request.quant);
  if (!quant.ok) return quant;
  if (quant.value.kind !== 'float') {
    return fail(
      'invalid-args',
      `quant: "${request.quant}" needs post-training quantisation, which this build does not have yet; use float`,
    );
  }
  const path = resolveModelPath(request.model);
  if (typeof path !== 'string')
    return fail('not-found', `No built-in model "${path.unknownBuiltin}"`);
  onProgress(1, steps, `reading ${path}`);
  const loaded = await readOnnx(path);
  if (!loaded.ok) return loaded;
  const inspection = await inspectModel(loaded.value);
  const usable = checkScenarioForModel(inspection, request.scenario);
  if (!usable.ok) return usable;
  const tokenizer = await loadTokenizer(inspection);
  if (!tokenizer.ok) return tokenizer;
  const modelHash = await hashModel(loaded.value);
  const toolVersion = `${studioVersion()}/${graphToolVersion}`;
  const key = ArtifactCache.keyOf({
    modelHash,
    scenario: request.scenario,
    quant: request.quant,
    toolVersion,
  });
  const built = await cache.getOrBuild<GraphArtifact>(key, async (dir) => {
    const context = {
      loaded: loaded.value,
      inspection,
      scenario: request.scenario,
      dir,
      onProgress,
    };
    const prefill = await buildPhase(context, 'prefill', 2);
    if (!prefill.ok) return prefill;
    const decode = await buildPhase(context, 'decode', 4);
    if (!decode.ok) return decode;
    await copyTokenizerFiles(loaded.value.dir, dir, tokenizer.value.kind);
    const decoder = inspection.decoder as DecoderGeometry;
    return ok({
      key,
      model: request.model,
      modelHash,
      quant: request.quant,
      scenario: request.scenario,
      toolVersion,
      prefill: prefill.value,
      decode: decode.value,
      kvCacheBytes: kvCacheBytes(decoder, request.scenario),
      memoryStateBytes: memoryStateBytes(decoder, request.scenario),
    });
  });
  onProgress(steps, steps, built.ok ? `wrote ${cache.dirOf(key)}` : 'failed');
  return built.ok ? ok({ ...built.value, dir: cache.dirOf(key) }) : built;
}

interface PhaseContext {
  loaded: LoadedModel;
  inspection: ModelInspection;
  scenario: Scenario;
  dir: string;
  onProgress: ProgressListener;
}

async function buildPhase(context: PhaseContext, phase: Phase, step: number) {
  context.onProgress(step, steps, `specialising the ${phase} graph`);
  const specialised = specialiseGraph(context.loaded, context.scenario, phase);
  if (!specialised.ok) return specialised;
  for (const file of context.loaded.externalFiles) {
    await copyFile(join(context.loaded.dir, file), join(context.dir, file));
  }
  const file = `${phase}.onnx`;
  const path = join(context.dir, file);
  await writeOnnx(specialised.value, path);
  context.onProgress(step + 1, steps, `running the ${phase} graph once in onnxruntime`);
  const actual = await runOnce(path, specialised.value);
  if (!actual.ok) return actual;
  const dims = phaseDims(context.scenario, phase);
  const expected = expectedOutputDims(
    context.inspection,
    context.inspection.decoder as DecoderGeometry,
    dims,
  );
  const checked = checkOutputDims(actual.value, expected);
  if (!checked.ok) return checked;
  pinOutputs(specialised.value, actual.value);
  await writeOnnx(specialised.value, path);
  const pinned = await inspectModel({ ...context.loaded, path, model: specialised.value });
  return ok({ file, inputs: pinned.inputs, outputs: pinned.outputs });
}

/** Runs need the tokenizer beside the graphs: copy tokenizer.json (and its config) when used. */
async function copyTokenizerFiles(from: string, to: string, kind: string): Promise<void> {
  if (kind !== 'tokenizer.json') return;
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    await copyFile(join(from, file), join(to, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
