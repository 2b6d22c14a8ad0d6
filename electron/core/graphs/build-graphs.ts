import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildRequestSchema,
  parseRequest,
  type BuildRequest,
  type BuildRequestInput,
} from '../../../shared/build-request';
import {
  graphArtifactSchema,
  kvCacheBytes,
  memoryStateBytes,
  type DecoderGeometry,
  type GraphArtifact,
  type KeptFloat,
  type ModelInspection,
} from '../../../shared/graph';
import { parseQuantSpec, type QuantSpec } from '../../../shared/quant-spec';
import { fail, ok, type Result } from '../../../shared/result';
import type { Scenario } from '../../../shared/scenario';
import { studioVersion } from '../paths';
import { ArtifactCache } from './artifact-cache';
import { rememberedKey, rememberKey } from './build-memo';
import { inspectModel } from './inspect';
import { loadModel } from './graph-service';
import { resolveModelPath } from './model-source';
import { hashModel, writeOnnx, type LoadedModel } from './onnx-io';
import { checkOutputDims, expectedOutputDims, pinOutputs, runOnce } from './ort-check';
import { quantizeActivationsOf } from './build-activations';
import { writeWeights } from './build-weights';
import { keptInFloat } from './quant/keep-float';
import { quantizeWeights } from './quant/quantize-graph';
import { checkCachePolicy } from './policy-check';
import { checkScenarioForModel, phaseDims, specialiseGraph, type Phase } from './specialise';
import { loadTokenizer, type TextTokenizer } from './tokenizer';

/** Bumped when specialisation or quantisation changes what it writes, so old artifacts go stale. */
export const graphToolVersion = 'graphs-4';

export type ProgressListener = (step: number, steps: number, message: string) => void;

/** The value a build returns once its signal has aborted: checked between steps. */
export function whenAborted(signal: AbortSignal | undefined): Result<never> | null {
  return signal?.aborted ? fail('cancelled', 'The build was cancelled') : null;
}

const steps = 7;

/** Everything checked before a build starts: nothing is written until all of it holds. */
export interface Prepared {
  loaded: LoadedModel;
  inspection: ModelInspection;
  /** Null for a model without one: only text (activation calibration) needs it. */
  tokenizer: TextTokenizer | null;
  quant: QuantSpec;
  modelHash: string;
  toolVersion: string;
  key: string;
}

/**
 * Specialises a model for a scenario into a prefill and a decode graph, quantised by the spec,
 * each run once in onnxruntime-node with its output shapes asserted, cached by content. The
 * request is checked by the shared build-request schema, as every host checks it. `signal` is
 * checked between steps; a build cancelled by it leaves no artifact.
 */
export async function buildGraphs(
  input: BuildRequestInput,
  cache: ArtifactCache,
  onProgress: ProgressListener = () => undefined,
  signal?: AbortSignal,
): Promise<Result<GraphArtifact & { dir: string }>> {
  const parsed = parseRequest(buildRequestSchema, input);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  const cached = await cachedByMemo(request, cache);
  if (cached) {
    onProgress(steps, steps, `found ${cached.dir}`);
    return ok(cached);
  }
  const prepared = await prepare(request, onProgress);
  if (!prepared.ok) return prepared;
  const { key } = prepared.value;
  const built = await cache.getOrBuild<GraphArtifact>(
    key,
    (dir) => buildArtifact(request, prepared.value, dir, onProgress, signal),
    { signal, schema: graphArtifactSchema },
  );
  onProgress(steps, steps, built.ok ? `wrote ${cache.dirOf(key)}` : 'failed');
  if (built.ok) await rememberKey(request, prepared.value.loaded, key);
  return built.ok ? ok({ ...built.value, dir: cache.dirOf(key) }) : built;
}

/**
 * The cached artifact of a request built before on an unchanged model (see `rememberedKey`):
 * its manifest read as a build would find it, without loading the model again.
 */
async function cachedByMemo(request: BuildRequest, cache: ArtifactCache) {
  const path = resolveModelPath(request.model);
  const key = typeof path === 'string' ? await rememberedKey(request, path) : null;
  const manifest = key === null ? null : await cache.read(key, graphArtifactSchema);
  return manifest ? { ...manifest, dir: cache.dirOf(key!) } : null;
}

async function prepare(
  request: BuildRequest,
  onProgress: ProgressListener,
): Promise<Result<Prepared>> {
  const quant = parseQuantSpec(request.quant);
  if (!quant.ok) return quant;
  onProgress(1, steps, `reading ${request.model}`);
  const found = await loadModel(request.model);
  if (!found.ok) return found;
  const { loaded, inspection } = found.value;
  const usable = checkScenarioForModel(inspection, request.scenario);
  if (!usable.ok) return usable;
  const calibrates = quant.value.kind === 'int' && quant.value.activationBits !== null;
  // Graphs build on token ids alone; a tokenizer that is there is still checked against the model.
  const tokenizer =
    inspection.tokenizer !== null || calibrates
      ? await loadTokenizer(inspection, 'activation calibration (+a8/+a16) on text prompts')
      : ok(null);
  if (!tokenizer.ok) return tokenizer;
  const modelHash = await hashModel(loaded);
  const toolVersion = `${studioVersion()}/${graphToolVersion}`;
  const key = ArtifactCache.keyOf({
    modelHash,
    scenario: request.scenario,
    quant: recipeOf(request, quant.value),
    toolVersion,
  });
  return ok({
    loaded,
    inspection,
    tokenizer: tokenizer.value,
    quant: quant.value,
    modelHash,
    toolVersion,
    key,
  });
}

/**
 * What of a request changes the graphs written: the spec and, for int specs, what stays float
 * and (with activation quantisation) the calibration. A float build ignores the rest.
 */
function recipeOf(request: BuildRequest, quant: QuantSpec): string {
  if (quant.kind === 'float') return request.quant;
  return JSON.stringify({
    quant: request.quant,
    keepFloat: [...new Set(request.keepFloat)].sort(),
    quantizeHead: request.quantizeHead,
    calibration: quant.activationBits === null ? null : request.calibration,
  });
}

/** The weight MatMuls an int spec leaves in float, found as the quantiser finds them. */
function keptFloatOf(request: BuildRequest, prepared: Prepared): KeptFloat[] {
  if (prepared.quant.kind !== 'int') return [];
  const options = { exclude: request.keepFloat, quantizeHead: request.quantizeHead };
  return [...keptInFloat(prepared.loaded.model.graph ?? {}, options).values()];
}

async function buildArtifact(
  request: BuildRequest,
  prepared: Prepared,
  dir: string,
  onProgress: ProgressListener,
  signal: AbortSignal | undefined,
): Promise<Result<GraphArtifact>> {
  const context = {
    ...prepared,
    scenario: request.scenario,
    dir,
    onProgress,
    keepFloat: request.keepFloat,
    quantizeHead: request.quantizeHead,
  };
  const keptFloat = keptFloatOf(request, prepared);
  const weights = whenAborted(signal) ?? (await buildWeights(context));
  if (!weights.ok) return weights;
  // Both graphs point at the one weights file: the model they are specialised from does.
  const phases = { ...context, loaded: weights.value.loaded };
  const prefill = whenAborted(signal) ?? (await buildPhase(phases, 'prefill', 3));
  if (!prefill.ok) return prefill;
  const decode = whenAborted(signal) ?? (await buildPhase(phases, 'decode', 5));
  if (!decode.ok) return decode;
  const decoder = prepared.inspection.decoder as DecoderGeometry;
  if (prepared.inspection.convention === 'optimum') {
    const built = { dir, prefill: prefill.value.graph };
    const policy = await checkCachePolicy(weights.value.loaded, built, decoder, request.scenario);
    if (!policy.ok) return policy;
  }
  const activations = whenAborted(signal) ?? (await quantizeActivationsOf(request, prepared, dir));
  if (!activations.ok) return activations;
  await copyTokenizerFiles(prepared.loaded.dir, dir, prepared.inspection.tokenizer);
  return ok({
    key: prepared.key,
    model: request.model,
    modelHash: prepared.modelHash,
    quant: request.quant,
    scenario: request.scenario,
    toolVersion: prepared.toolVersion,
    prefill: prefill.value.graph,
    decode: decode.value.graph,
    quantization: weights.value.quantization,
    keptFloat,
    activations: activations.value,
    kvCacheBytes: kvCacheBytes(decoder, request.scenario),
    memoryStateBytes: memoryStateBytes(decoder, request.scenario),
    tokenizer: prepared.inspection.tokenizer,
  });
}

type PhaseContext = Prepared & {
  scenario: Scenario;
  dir: string;
  onProgress: ProgressListener;
  keepFloat: string[];
  quantizeHead: boolean;
};

/** Quantises the weights by the spec and writes them once, into the file both graphs share. */
async function buildWeights(context: PhaseContext) {
  const { quant } = context;
  const verb = quant.kind === 'int' ? 'quantising' : 'writing';
  context.onProgress(2, steps, `${verb} the weights`);
  return writeWeights(context.loaded, context.dir, async (model, sink) =>
    quant.kind === 'int'
      ? quantizeWeights(model, quant, {
          modelDir: context.loaded.dir,
          exclude: context.keepFloat,
          quantizeHead: context.quantizeHead,
          ...sink,
        })
      : ok([]),
  );
}

async function buildPhase(context: PhaseContext, phase: Phase, step: number) {
  context.onProgress(step, steps, `specialising the ${phase} graph`);
  const specialised = specialiseGraph(context.loaded, context.scenario, phase);
  if (!specialised.ok) return specialised;
  const file = `${phase}.onnx`;
  const path = join(context.dir, file);
  await writeOnnx(specialised.value, path);
  context.onProgress(step + 1, steps, `running the ${phase} graph once in onnxruntime`);
  const actual = await runOnce(path, specialised.value);
  if (!actual.ok) return actual;
  const decoder = context.inspection.decoder as DecoderGeometry;
  const checked = checkOutputDims(
    actual.value,
    expectedOutputDims(context.inspection, decoder, phaseDims(context.scenario, phase)),
  );
  if (!checked.ok) return checked;
  pinOutputs(specialised.value, actual.value);
  await writeOnnx(specialised.value, path);
  const pinned = await inspectModel({ ...context.loaded, path, model: specialised.value });
  return ok({ graph: { file, inputs: pinned.inputs, outputs: pinned.outputs } });
}

/** Runs need the tokenizer beside the graphs: copy tokenizer.json (and its config) when used. */
async function copyTokenizerFiles(from: string, to: string, kind: string | null): Promise<void> {
  if (kind !== 'tokenizer.json') return;
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    await copyFile(join(from, file), join(to, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
