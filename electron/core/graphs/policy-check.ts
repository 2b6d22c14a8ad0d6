import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuiltGraph, DecoderGeometry } from '../../../shared/graph';
import { graphPairWiring } from '../runs/runtimes/graph-pair-plan';
import { fail, ok, type Result } from '../../../shared/result';
import type { Scenario } from '../../../shared/scenario';
import type { ChunkRunner } from './fidelity/chunk-runner';
import { FullContextRunner } from './fidelity/full-context-runner';
import type { Logits } from './fidelity/logits';
import { PlanRunner } from './fidelity/plan-runner';
import { writeOnnx, type LoadedModel } from './onnx-io';

/** Largest logit difference allowed, relative to the largest logit (float32 reorderings). */
const tolerance = 1e-3;

/**
 * Checks that an import's self-contained graphs reproduce the model they came from on a first
 * chunk of C tokens, where nothing is evicted yet. Both sides use the built weights, so only the
 * appended cache policy can differ. A model whose attention mask compares key indices with
 * `position_ids` (rather than with the cache's length, as transformers' exports do) fails here:
 * in S + W fixed slots a token's index is not its position, so it would not see itself, and every
 * run and fidelity figure of the artifact would be wrong.
 */
export async function checkCachePolicy(
  weights: LoadedModel,
  built: { dir: string; prefill: BuiltGraph },
  decoder: DecoderGeometry,
  scenario: Scenario,
): Promise<Result<void>> {
  const vocab = decoder.vocab ?? 2;
  const tokens = Array.from({ length: scenario.chunk }, (_, i) => (i * 193 + 7) % vocab);
  const reference = join(built.dir, '.policy-check.onnx');
  await writeOnnx(weights.model, reference);
  try {
    const expected = await logitsOf(
      await FullContextRunner.open(reference, { ...decoder, vocab }),
      tokens,
    );
    // The prefill graph alone, one session: C tokens are one prefill call.
    const { file, inputs } = built.prefill;
    const inputNames = inputs.map((input) => input.name);
    const wiring = graphPairWiring({ prefill: file, decode: file, inputNames, padToken: 0 });
    const prefillOnly = { ...wiring, graphs: { prefill: wiring.graphs.prefill } };
    const actual = await logitsOf(await PlanRunner.open(prefillOnly, built.dir), tokens);
    const { difference, scale } = compare(expected, actual);
    if (difference <= tolerance * scale) return ok(undefined);
    return fail(
      'invalid-model',
      `${weights.path}: its graphs with a ${scenario.sink} + ${scenario.window} token cache do not reproduce the model on a first chunk of ${scenario.chunk} tokens (max |Δ logit| ${difference.toPrecision(3)} of ${scale.toPrecision(3)}). Its attention mask likely compares key indices with position_ids; a fixed-slot cache needs the mask from the cache's length (key ≤ past length + i, as transformers' exports build it). Nothing was cached.`,
    );
  } finally {
    await rm(reference, { force: true });
  }
}

async function logitsOf(runner: ChunkRunner, tokens: readonly number[]): Promise<Logits[]> {
  try {
    return await runner.feed(tokens);
  } finally {
    await runner.release();
  }
}

function compare(expected: Logits[], actual: Logits[]): { difference: number; scale: number } {
  let difference = 0;
  let scale = 1;
  expected.forEach((row, i) =>
    row.forEach((value, j) => {
      const gap = Math.abs(value - (actual[i]?.[j] ?? NaN));
      difference = Number.isNaN(gap) ? Infinity : Math.max(difference, gap);
      scale = Math.max(scale, Math.abs(value));
    }),
  );
  return { difference, scale };
}
