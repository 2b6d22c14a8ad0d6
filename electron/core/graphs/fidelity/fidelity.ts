import {
  fidelityRequestSchema,
  parseRequest,
  type FidelityRequest,
  type FidelityRequestInput,
} from '../../../../shared/build-request';
import type { DatasetItem, FidelityReport, ModelInspection } from '../../../../shared/graph';
import { ok, type Result } from '../../../../shared/result';
import type { ArtifactCache } from '../artifact-cache';
import { buildGraphs, type ProgressListener } from '../build-graphs';
import { inspectGraphFile } from '../graph-service';
import { loadTokenizer, type TextTokenizer } from '../tokenizer';
import type { ChunkRunner } from './chunk-runner';
import { readDataset } from './dataset';
import { argmax, type Logits } from './logits';
import { compareLogits } from './metrics';
import { openCandidate, openReference } from './runners';
import { scoreAnswer, type TaskScores } from './task-scores';

interface Runners {
  reference: ChunkRunner;
  float: ChunkRunner;
  quantized: ChunkRunner | null;
}

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
  const float = await buildGraphs({ ...build, quant: 'float' }, cache);
  if (!float.ok) return float;
  const quantized = build.quant === 'float' ? null : await buildGraphs(build, cache);
  if (quantized && !quantized.ok) return quantized;
  const runners: Runners = {
    reference: await openReference(inspection.value),
    float: await openCandidate(inspection.value, float.value),
    quantized: quantized ? await openCandidate(inspection.value, quantized.value) : null,
  };
  try {
    return ok(
      await evaluate(request, items.value, {
        runners,
        tokenizer: tokenizer.value,
        inspection: inspection.value,
        onProgress,
      }),
    );
  } finally {
    await Promise.all(Object.values(runners).map((runner) => runner?.release()));
  }
}

interface EvaluationContext {
  runners: Runners;
  tokenizer: TextTokenizer;
  inspection: ModelInspection;
  onProgress: ProgressListener;
}

async function evaluate(
  request: FidelityRequest,
  items: DatasetItem[],
  context: EvaluationContext,
): Promise<FidelityReport> {
  const logits = { reference: [] as Logits[], float: [] as Logits[], quantized: [] as Logits[] };
  const scores = { float: [] as TaskScores[], quantized: [] as TaskScores[] };
  for (const [index, item] of items.entries()) {
    context.onProgress(index, items.length, `prompt ${index + 1} of ${items.length}`);
    const tokens = context.tokenizer.encode(item.prompt);
    for (const name of ['reference', 'float', 'quantized'] as const) {
      const runner = context.runners[name];
      if (!runner) continue;
      runner.reset();
      logits[name].push(...(await runner.feed(tokens)));
      if (item.answer !== undefined && name !== 'reference') {
        scores[name].push(
          scoreAnswer(
            await generate(runner, logits[name].at(-1) as Logits, context.tokenizer, item.answer),
            item.answer,
          ),
        );
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

/** Greedy decoding from the prompt's last logits, up to the answer's length plus a margin. */
async function generate(
  runner: ChunkRunner,
  last: Logits,
  tokenizer: TextTokenizer,
  answer: string,
): Promise<string> {
  const budget = tokenizer.encode(answer).length + 8;
  const generated: number[] = [];
  let next = argmax(last);
  while (generated.length < budget && next !== tokenizer.eos) {
    generated.push(next);
    const [logits] = await runner.feed([next]);
    next = argmax(logits as Logits);
  }
  return tokenizer.decode(generated);
}

function meanScores(all: TaskScores[]): TaskScores {
  const average = (key: keyof TaskScores) =>
    all.reduce((sum, score) => sum + score[key], 0) / all.length;
  return { exactMatch: average('exactMatch'), f1: average('f1'), rougeL: average('rougeL') };
}
