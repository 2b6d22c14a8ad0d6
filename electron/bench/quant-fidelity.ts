import { mean } from 'simple-statistics';
import type { Logits } from '../core/graphs/fidelity/logits';
import type { FidelitySummary } from '../core/graphs/fidelity/metrics';
import {
  fidelityToFloat,
  floatModelPath,
  ortModelPath,
  prefillLogits,
  promptTokens,
  studioQuantized,
} from '../core/graphs/quant/ort-reference';
import type { Benchmark, BenchFigure } from './benchmark';

// Eight prompts of 64 tokens: one prompt's cosines move by more than the gaps being measured.
const prompts = Array.from({ length: 8 }, (_, i) => promptTokens(64, 512, 100 + i));

/** Mean logit cosine and KL against the float model over every prompt. */
async function fidelity(
  model: Parameters<typeof fidelityToFloat>[0],
  references: Logits[][],
): Promise<{ cosine: number; kl: number }> {
  const summaries: FidelitySummary[] = [];
  for (const [i, tokens] of prompts.entries())
    summaries.push(await fidelityToFloat(model, tokens, references[i]));
  return {
    cosine: mean(summaries.map((s) => s.cosineMean)),
    kl: mean(summaries.map((s) => s.klMean)),
  };
}

/**
 * The studio's int4-g32 and int4-g32-mse against ONNX Runtime's own quantiser (RTN and HQQ,
 * fixtures/ort-quant) on the Llama fixture, every MatMul quantised: logit cosine and KL against
 * float. The figure is -mse's KL over HQQ's (goal ≤ 1: at least as good as HQQ).
 */
export const quantFidelity: Benchmark = {
  name: 'quant-fidelity',
  description: `int4-g32 logit cosine and KL vs float on llama-dynamo (${prompts.length} prompts of 64 tokens), beside ONNX Runtime's RTN and HQQ`,
  async run(): Promise<BenchFigure> {
    const references: Logits[][] = [];
    for (const tokens of prompts) references.push(await prefillLogits(floatModelPath, tokens));
    const rows: [string, { cosine: number; kl: number }][] = [
      ['int4-g32', await fidelity(await studioQuantized('int4-g32'), references)],
      ['int4-g32-mse', await fidelity(await studioQuantized('int4-g32-mse'), references)],
      ['ORT RTN int4-g32 (baseline)', await fidelity(ortModelPath('rtn-int4-g32'), references)],
      ['ORT HQQ int4-g32 (baseline)', await fidelity(ortModelPath('hqq-int4-g32'), references)],
    ];
    for (const [label, { cosine, kl }] of rows)
      console.log(`  ${label.padEnd(28)} cosine ${cosine.toFixed(6)}  KL ${kl.toExponential(3)}`);
    const search = rows[1]?.[1].kl ?? NaN;
    const hqq = rows[3]?.[1].kl ?? NaN;
    return { value: search / hqq, unit: '× HQQ KL', goal: { op: '<=', value: 1 } };
  },
};
