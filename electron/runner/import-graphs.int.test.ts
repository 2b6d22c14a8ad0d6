import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runnerPlanSchema } from '../../shared/runner-plan';
import { ArtifactCache } from '../core/graphs/artifact-cache';
import { buildGraphs } from '../core/graphs/build-graphs';
import { argmax } from '../core/graphs/fidelity/logits';
import { dynamoModels, fixtureModels } from '../core/graphs/testing-models';
import { graphPairPlan } from '../core/runs/runtimes/graph-pair-plan';
import type { BundleManifest } from '../core/runs/runtimes/runtime-bundle';
import { nodePlanLogits, runBundle, testBundle } from './testing-runner';

process.env.ORT_DISABLE_TELEMETRY = '1';
// Longer than S + W (the graphs evict), and not a multiple of the chunk.
const scenario = { chunk: 8, sink: 4, window: 16, memory: 'off' } as const;
const prompt = Array.from({ length: 60 }, (_, i) => (i * 193 + 7) % 512);
const decodeTokens = 4;
let bundle: { dir: string; manifest: BundleManifest };
let work: string;

beforeAll(async () => {
  bundle = await testBundle('x86_64');
  work = await mkdtemp(join(tmpdir(), 'edge-runner-import-'));
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('edge-runner on self-contained import graphs', () => {
  it.each([
    ['llama', fixtureModels.llama, 'float'],
    ['qwen2', fixtureModels.qwen2, 'float'],
    ['llama-dynamo', dynamoModels.llama, 'float'],
    ['qwen2-dynamo', dynamoModels.qwen2, 'float'],
    ['llama-int4-g32', fixtureModels.llama, 'int4-g32'],
    ['qwen2-int8-channel', fixtureModels.qwen2, 'int8-channel'],
  ])(
    'runs the %s fixture like onnxruntime-node, logits within 1e-5',
    async (name, model, quant) => {
      const built = await buildGraphs(
        { model, scenario, quant },
        new ArtifactCache(join(work, 'artifacts')),
      );
      if (!built.ok) throw new Error(built.error.message);
      const dir = join(work, name);
      const plan = graphPairPlan({
        prefill: join(built.value.dir, built.value.prefill.file),
        decode: join(built.value.dir, built.value.decode.file),
        inputNames: built.value.prefill.inputs.map((input) => input.name),
        padToken: 0,
        prompt: 'prompt.i32',
        decodeTokens,
      });
      expect(runnerPlanSchema.safeParse(plan).success).toBe(true);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'prompt.i32'), Buffer.from(Int32Array.from(prompt).buffer));
      await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
      const run = await runBundle(bundle, [join(dir, 'plan.json')]);
      expect(run.invalid).toEqual([]);
      expect(run.status, run.stderr + JSON.stringify(run.events.at(-1))).toBe(0);
      const output = run.events.find((event) => event.ev === 'output');
      if (output?.ev !== 'output') throw new Error('no output line');
      expect(output).toMatchObject({ rows: prompt.length + decodeTokens, vocab: 512 });
      const bytes = await readFile(join(dir, output.logits_file!));
      const logits = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      const reference = await nodePlanLogits(plan, prompt);
      let max = 0;
      reference.forEach((row, r) =>
        row.forEach((value, i) => (max = Math.max(max, Math.abs(value - logits[r * 512 + i]!)))),
      );
      console.log(`${name}: max |Δ logits| edge-runner vs onnxruntime-node = ${max}`);
      expect(max).toBeLessThan(1e-5);
      expect(output.tokens).toEqual(reference.slice(prompt.length - 1).map(argmax));
    },
  );
});
