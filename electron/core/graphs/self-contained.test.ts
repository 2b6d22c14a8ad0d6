import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { graphPairWiring } from '../runs/runtimes/graph-pair-plan';
import { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import type { ChunkRunner } from './fidelity/chunk-runner';
import { EvictingCacheRunner } from './fidelity/evicting-cache-runner';
import { FullContextRunner } from './fidelity/full-context-runner';
import { argmax, type Logits } from './fidelity/logits';
import { PlanRunner } from './fidelity/plan-runner';
import { loadModel } from './graph-service';
import { writeOnnx } from './onnx-io';
import { pinGraph } from './specialise';
import { dynamoModels, fixtureModels } from './testing-models';

process.env.ORT_DISABLE_TELEMETRY = '1';
const data = tempDataDir();
afterAll(() => data.cleanup());
const cache = new ArtifactCache(join(data.dir, 'artifacts'));

// A prompt longer than S + W, so the window evicts, and chunks that do not divide it.
const scenario = { chunk: 8, sink: 4, window: 16, memory: 'off' } as const;
const prompt = Array.from({ length: 60 }, (_, i) => (i * 193 + 7) % 512);
const geometry = { layers: 2, kvHeads: 2, headDim: 32, vocab: 512 };

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

/** The host-side evicting runner over the graphs pinned without the cache policy. */
async function evictingRunner(model: string, dir: string): Promise<ChunkRunner> {
  const found = await loadModel(model);
  if (!found.ok) throw new Error(found.error.message);
  const paths = [];
  for (const phase of ['prefill', 'decode'] as const) {
    const pinned = pinGraph(found.value.loaded, scenario, phase);
    if (!pinned.ok) throw new Error(pinned.error.message);
    paths.push(join(dir, `${phase}-pinned.onnx`));
    await writeOnnx(pinned.value, paths.at(-1) as string);
  }
  return EvictingCacheRunner.open(paths[0]!, paths[1]!, scenario, geometry);
}

describe('self-contained import graphs', () => {
  it.each([
    ['llama', fixtureModels.llama],
    ['qwen2', fixtureModels.qwen2],
    ['llama-dynamo', dynamoModels.llama],
    ['qwen2-dynamo', dynamoModels.qwen2],
  ])('give the %s fixture the evicting runner’s logits past S + W', async (name, model) => {
    const built = await buildGraphs({ model, scenario, quant: 'float' }, cache);
    if (!built.ok) throw new Error(built.error.message);
    const { prefill, decode } = built.value;
    const inputNames = prefill.inputs.map((input) => input.name);
    expect(inputNames.sort()).toEqual([
      'chunk_mask',
      'input_ids',
      'past_key_values.0.key',
      'past_key_values.0.value',
      'past_key_values.1.key',
      'past_key_values.1.value',
      'past_length',
    ]);
    for (const graph of [prefill, decode]) {
      const shape = (name: string) =>
        [...graph.inputs, ...graph.outputs].find((tensor) => tensor.name === name)?.shape;
      expect(shape('past_key_values.0.key')).toEqual([1, 2, 20, 32]);
      expect(shape('present.0.key')).toEqual([1, 2, 20, 32]);
      expect(shape('present_length')).toEqual([1]);
    }
    const wiring = graphPairWiring({
      prefill: prefill.file,
      decode: decode.file,
      inputNames,
      padToken: 0,
    });
    const selfContained = await PlanRunner.open(wiring, built.value.dir);
    const evicting = await evictingRunner(model, data.dir);
    const full = await FullContextRunner.open(model, geometry);
    try {
      const logits = await run(selfContained);
      const difference = maxDifference(logits, await run(evicting));
      console.log(`${name}: max |Δ logits| self-contained vs evicting runner = ${difference}`);
      expect(difference).toBeLessThan(1e-5);
      // The window did evict: the full context gives other logits.
      expect(maxDifference(logits.slice(0, 60), await full.feed(prompt))).toBeGreaterThan(1e-3);
    } finally {
      await Promise.all([selfContained, evicting, full].map((runner) => runner.release()));
    }
  });
});
