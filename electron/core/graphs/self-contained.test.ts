import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../shared/scenario';
import { tempDataDir } from '../testing';
import { graphPairWiring } from '../runs/runtimes/graph-pair-plan';
import { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import type { ChunkRunner } from './fidelity/chunk-runner';
import { FullContextRunner } from './fidelity/full-context-runner';
import { argmax, type Logits } from './fidelity/logits';
import { PlanRunner } from './fidelity/plan-runner';
import { dynamoModels, fixtureModels } from './testing-models';

process.env.ORT_DISABLE_TELEMETRY = '1';
const data = tempDataDir();
afterAll(() => data.cleanup());
const cache = new ArtifactCache(join(data.dir, 'artifacts'));

// A prompt longer than S + W, so the window evicts, and chunks that do not divide it.
const scenario = { chunk: 8, sink: 4, window: 16, memory: 'off' } as const;
const prompt = Array.from({ length: 60 }, (_, i) => (i * 193 + 7) % 512);
const geometry = { layers: 2, kvHeads: 2, headDim: 32, vocab: 512 };
const models = [
  ['llama', fixtureModels.llama],
  ['qwen2', fixtureModels.qwen2],
  ['llama-dynamo', dynamoModels.llama],
  ['qwen2-dynamo', dynamoModels.qwen2],
] as const;

/** Per row [argmax, max, sum, L2 norm], recorded from the evicting runner these graphs replace. */
const evicting = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'evicting-cache-logits.json'), 'utf8'),
) as { rows: Record<string, [number, number, number, number][]> };

/** Logits of the prompt, then of four greedy decode steps. */
async function run(runner: ChunkRunner): Promise<Logits[]> {
  const logits = await runner.feed(prompt);
  for (let step = 0; step < 4; step++)
    logits.push(...(await runner.feed([argmax(logits.at(-1) as Logits)])));
  return logits;
}

function maxDifference(a: Logits[], b: Logits[]): number {
  expect(a).toHaveLength(b.length);
  let max = 0;
  a.forEach((row, i) => row.forEach((x, j) => (max = Math.max(max, Math.abs(x - b[i]![j]!)))));
  return max;
}

/** The generic loop over a model's self-contained graphs for a scenario. */
async function selfContained(model: string, pinned: Scenario) {
  const built = await buildGraphs({ model, scenario: pinned, quant: 'float' }, cache);
  if (!built.ok) throw new Error(built.error.message);
  const { prefill, decode } = built.value;
  const inputNames = prefill.inputs.map((input) => input.name);
  const wiring = graphPairWiring({
    prefill: prefill.file,
    decode: decode.file,
    inputNames,
    padToken: 0,
  });
  return { built: built.value, runner: await PlanRunner.open(wiring, built.value.dir) };
}

describe('self-contained import graphs', () => {
  it.each(models)('take tokens and state, and give the next state: %s', async (_name, model) => {
    const { built, runner } = await selfContained(model, scenario);
    await runner.release();
    expect(built.prefill.inputs.map((input) => input.name).sort()).toEqual([
      'chunk_mask',
      'input_ids',
      'past_key_values.0.key',
      'past_key_values.0.value',
      'past_key_values.1.key',
      'past_key_values.1.value',
      'past_length',
    ]);
    for (const graph of [built.prefill, built.decode]) {
      const shape = (name: string) =>
        [...graph.inputs, ...graph.outputs].find((tensor) => tensor.name === name)?.shape;
      expect(shape('past_key_values.0.key')).toEqual([1, 2, 20, 32]);
      expect(shape('present.0.key')).toEqual([1, 2, 20, 32]);
      expect(shape('present_length')).toEqual([1]);
    }
  });

  it.each(models)('give %s the evicting runner’s logits past S + W', async (name, model) => {
    const { runner } = await selfContained(model, scenario);
    const full = await FullContextRunner.open(model, geometry);
    try {
      const logits = await run(runner);
      // A dynamo fixture is its twin's model exported by torch dynamo: the same logits.
      const rows = evicting.rows[name.replace('-dynamo', '')] ?? [];
      expect(logits).toHaveLength(rows.length);
      logits.forEach((row, i) => {
        const [top, max, sum, norm] = rows[i]!;
        expect(argmax(row), `row ${i}`).toBe(top);
        expect(row[top]!).toBeCloseTo(max, 4);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(sum, 2);
        expect(Math.hypot(...row)).toBeCloseTo(norm, 4);
      });
      // The window did evict: the full context gives other logits.
      expect(maxDifference(logits.slice(0, 60), await full.feed(prompt))).toBeGreaterThan(1e-3);
    } finally {
      await Promise.all([runner.release(), full.release()]);
    }
  });

  it.each(models)(
    'give %s the full context’s logits while nothing is evicted',
    async (_name, model) => {
      const { runner } = await selfContained(model, { ...scenario, window: 64 });
      const full = await FullContextRunner.open(model, geometry);
      try {
        const logits = await run(runner);
        const reference = await full.feed(prompt);
        for (const row of logits.slice(59, -1)) reference.push(...(await full.feed([argmax(row)])));
        expect(maxDifference(logits, reference)).toBeLessThan(1e-4);
      } finally {
        await Promise.all([runner.release(), full.release()]);
      }
    },
  );
});
