import {
  fidelityRequestSchema,
  parseRequest,
  type FidelityRequest,
  type FidelityRequestInput,
} from '../../../../shared/build-request';
import type { DatasetItem, FidelityReport, ModelInspection } from '../../../../shared/graph';
import { fail, ok, type Result } from '../../../../shared/result';
import type { ArtifactCache } from '../artifact-cache';
import { buildGraphs, type ProgressListener } from '../build-graphs';
import { inspectGraphFile } from '../graph-service';
import { loadTokenizer, type TextTokenizer } from '../tokenizer';
import type { HostBundle } from '../../runs/runtimes/host-run';
import { artifactScorer, chunkScorer, HostRunFailure, type Scorer } from './candidates';
import { readDataset } from './dataset';
import type { Logits } from './logits';
import { compareLogits } from './metrics';
import { openReference } from './runners';
import { meanScores, scoreAnswer, type TaskScores } from './task-scores';

interface Runners {
  reference: Scorer;
  float: Scorer;
  quantized: Scorer | null;
}

export interface FidelityOptions {
  /**
   * Runs the specialised and quantised graphs with this edge-runner bundle's host build, as a
   * phone runs them; without one they run under the same generic loop in onnxruntime-node.
   */
  runner?: HostBundle | null;
  /** Cancels the run: checked between builds and prompts (it ends `cancelled`). */
  signal?: AbortSignal;
}

/** Thrown between prompts once the signal aborted; becomes a `cancelled` value below. */
class FidelityCancelled extends Error {}

/**
 * Runs the dataset's prompts through the float full-context reference, the float specialised
 * graphs and the quantised ones (built with every option of the request), and reports logit
 * fidelity split into the cache part and the quantisation part, plus task scores where the
 * dataset has answers.
 */
export async function measureFidelity(
  input: FidelityRequestInput,
  cache: ArtifactCache,
  onProgress: ProgressListener = () => undefined,
  options: FidelityOptions = {},
): Promise<Result<FidelityReport>> {
  const parsed = parseRequest(fidelityRequestSchema, input);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  const { dataset, limit, ...build } = request;
  const items = await readDataset(dataset, limit);
  if (!items.ok) return items;
  const inspection = await inspectGraphFile(request.model);
  if (!inspection.ok) return inspection;
  const tokenizer = await loadTokenizer(inspection.value, 'fidelity on text prompts');
  if (!tokenizer.ok) return tokenizer;
  const { signal } = options;
  const float = await buildGraphs({ ...build, quant: 'float' }, cache, undefined, signal);
  if (!float.ok) return float;
  const quantized =
    build.quant === 'float' ? null : await buildGraphs(build, cache, undefined, signal);
  if (quantized && !quantized.ok) return quantized;
  const { eos } = tokenizer.value;
  const candidate = (built: typeof float.value) =>
    artifactScorer(inspection.value, built, eos, options.runner ?? null);
  const runners: Runners = {
    reference: chunkScorer(await openReference(inspection.value), eos),
    float: await candidate(float.value),
    quantized: quantized ? await candidate(quantized.value) : null,
  };
  try {
    return ok(
      await evaluate(request, items.value, {
        runners,
        tokenizer: tokenizer.value,
        inspection: inspection.value,
        onProgress,
        signal,
      }),
    );
  } catch (error) {
    if (error instanceof FidelityCancelled)
      return fail('cancelled', 'The fidelity run was cancelled');
    // A bundle that cannot run the graphs is the user's to fix (its line says why), not a bug.
    if (error instanceof HostRunFailure) return fail('internal', error.message);
    throw error;
  } finally {
    await Promise.all(Object.values(runners).map((runner) => runner?.release()));
  }
}

interface EvaluationContext {
  runners: Runners;
  tokenizer: TextTokenizer;
  inspection: ModelInspection;
  onProgress: ProgressListener;
  signal: AbortSignal | undefined;
}

async function evaluate(
  request: FidelityRequest,
  items: DatasetItem[],
  context: EvaluationContext,
): Promise<FidelityReport> {
  const logits = { reference: [] as Logits[], float: [] as Logits[], quantized: [] as Logits[] };
  const scores = { float: [] as TaskScores[], quantized: [] as TaskScores[] };
  for (const [index, item] of items.entries()) {
    if (context.signal?.aborted) throw new FidelityCancelled();
    context.onProgress(index, items.length, `prompt ${index + 1} of ${items.length}`);
    const tokens = context.tokenizer.encode(item.prompt);
    const budget = item.answer === undefined ? 0 : context.tokenizer.encode(item.answer).length + 8;
    for (const name of ['reference', 'float', 'quantized'] as const) {
      const runner = context.runners[name];
      if (!runner) continue;
      // The reference only scores the prompt: answers are the candidates'.
      const scored = await runner.score(tokens, name === 'reference' ? 0 : budget);
      logits[name].push(...scored.logits);
      if (item.answer !== undefined && name !== 'reference') {
        const answer = context.tokenizer.decode(scored.generated);
        scores[name].push(scoreAnswer(answer, item.answer));
      }
    }
  }
  const quantizedLogits = context.runners.quantized ? logits.quantized : logits.float;
  return {
    model: request.model,
    quant: request.quant,
    scenario: request.scenario,
    prompts: items.length,
    cache: compareLogits(logits.reference, logits.float),
    quantization: context.runners.quantized ? compareLogits(logits.float, logits.quantized) : null,
    total: compareLogits(logits.reference, quantizedLogits),
    tasks:
      scores.float.length === 0
        ? null
        : {
            answered: scores.float.length,
            float: meanScores(scores.float),
            quantized: meanScores(scores.quantized.length > 0 ? scores.quantized : scores.float),
          },
  };
}
