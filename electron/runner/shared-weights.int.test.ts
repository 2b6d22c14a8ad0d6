import { createHash } from 'node:crypto';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerEvent } from '../../shared/runner-events';
import type { RunnerPlan } from '../../shared/runner-plan';
import { ArtifactCache } from '../core/graphs/artifact-cache';
import { buildGraphs } from '../core/graphs/build-graphs';
import { fixtureModels } from '../core/graphs/testing-models';
import { graphPairPlan } from '../core/runs/runtimes/graph-pair-plan';
import type { BundleManifest } from '../core/runs/runtimes/runtime-bundle';
import { weightBytes, writeSyntheticDecoder } from '../bench/synthetic-decoder';
import { runBundle, testBundle } from './testing-runner';

// Weights once: the prefill and decode graphs of an artifact read one weights.data, and the
// runner holds it once (one mapping, shared initializers, one prepacked-weights container).
process.env.ORT_DISABLE_TELEMETRY = '1';
const shape = { layers: 2, hidden: 512, heads: 8, intermediate: 1408, vocab: 4096 };
const scenario = { chunk: 8, sink: 4, window: 28, memory: 'off' } as const;
let bundle: { dir: string; manifest: BundleManifest };
let work: string;
let artifact: string;
let inputNames: string[];

beforeAll(async () => {
  bundle = await testBundle('x86_64');
  work = await mkdtemp(join(tmpdir(), 'edge-runner-weights-'));
  await mkdir(join(work, 'model'));
  const model = await writeSyntheticDecoder(join(work, 'model'), shape);
  const tokenizer = join(fixtureModels.llama, '..', 'tokenizer.json');
  await copyFile(tokenizer, join(work, 'model', 'tokenizer.json'));
  const built = await buildGraphs(
    { model, scenario, quant: 'float' },
    new ArtifactCache(join(work, 'artifacts')),
  );
  if (!built.ok) throw new Error(built.error.message);
  artifact = built.value.dir;
  inputNames = built.value.prefill.inputs.map((input) => input.name);
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

/** Runs the artifact with both graphs or the prefill graph alone; returns the run. */
async function run(
  name: string,
  withDecode: boolean,
  dir = artifact,
  extra: Partial<RunnerPlan> = { score: 'none' },
) {
  const { graphs, ...plan } = graphPairPlan({
    prefill: join(dir, 'prefill.onnx'),
    decode: join(dir, 'decode.onnx'),
    inputNames,
    padToken: 0,
    prompt: 'prompt.i32',
    decodeTokens: withDecode ? 2 : 0,
  });
  const runDir = join(work, name);
  await mkdir(runDir, { recursive: true });
  const prompt = Int32Array.from({ length: 20 }, (_, i) => (i * 37 + 1) % shape.vocab);
  await writeFile(join(runDir, 'prompt.i32'), Buffer.from(prompt.buffer));
  const written = { ...plan, graphs: withDecode ? graphs : { prefill: graphs.prefill } };
  await writeFile(join(runDir, 'plan.json'), JSON.stringify({ ...written, ...extra }));
  return runBundle(bundle, [join(runDir, 'plan.json')]);
}

const loadedHwmKb = (events: RunnerEvent[]) => {
  const mem = events.find((event) => event.ev === 'mem');
  if (mem?.ev !== 'mem') throw new Error('no mem line');
  return mem.hwm_kb;
};

describe('edge-runner holds an artifact’s weights once', () => {
  it('loading the decode graph beside the prefill graph adds far less than the weights', async () => {
    const weightsKb = weightBytes(shape) / 1024;
    const alone = await run('alone', false);
    const both = await run('both', true);
    for (const result of [alone, both]) expect(result.events.at(-1)).toEqual({ ev: 'done' });
    const added = loadedHwmKb(both.events) - loadedHwmKb(alone.events);
    console.log(
      `float weights ${(weightsKb / 1024).toFixed(1)} MiB; the decode graph adds ${(added / 1024).toFixed(1)} MiB at load`,
    );
    // Held twice, the float weights (and their packed copies) would add at least their size.
    expect(added).toBeLessThan(weightsKb / 2);
  });

  it('a weights file cut short is graph-invalid from ORT, not a crash', async () => {
    const cut = join(work, 'cut');
    await mkdir(cut);
    for (const file of ['prefill.onnx', 'decode.onnx', 'weights.data'])
      await copyFile(join(artifact, file), join(cut, file));
    await truncate(join(cut, 'weights.data'), 4096);
    const result = await run('cut-run', true, cut);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.events.at(-1)).toMatchObject({ ev: 'error', code: 'graph-invalid' });
  });

  it('weights found through data_files: a graph folder without weights.data runs the same', async () => {
    // As on a phone: graphs and weights in a content-addressed cache, no file names kept.
    const weights = await readFile(join(artifact, 'weights.data'));
    const cache = join(work, 'pushed', 'cache');
    const graphs = join(work, 'pushed', 'graphs');
    await mkdir(cache, { recursive: true });
    await mkdir(graphs, { recursive: true });
    const sha = createHash('sha256').update(weights).digest('hex');
    await writeFile(join(cache, sha), weights);
    for (const file of ['prefill.onnx', 'decode.onnx'])
      await copyFile(join(artifact, file), join(graphs, file));
    const extra = {
      data_files: { 'weights.data': `../pushed/cache/${sha}` },
      score: 'all' as const,
    };
    const direct = await run('direct', true, artifact, { score: 'all' });
    const pushed = await run('pushed', true, graphs, extra);
    for (const result of [direct, pushed]) expect(result.events.at(-1)).toEqual({ ev: 'done' });
    const logits = async (name: string) => readFile(join(work, name, 'out', 'logits-0.f32'));
    const [directLogits, pushedLogits] = [await logits('direct'), await logits('pushed')];
    expect(pushedLogits.length).toBeGreaterThan(0);
    expect(pushedLogits.equals(directLogits)).toBe(true);
    const loads = [direct, pushed].map((result) => result.events.find((e) => e.ev === 'load'));
    expect(loads[1]).toEqual({ ...loads[0], ms: expect.any(Number) });
    expect(loads[0]).toMatchObject({ weights_bytes: expect.any(Number) });
    // The same mapping, not a copy: no more resident than the direct run.
    const extraKb = loadedHwmKb(pushed.events) - loadedHwmKb(direct.events);
    const rssKb = (events: RunnerEvent[]) =>
      events.find((event) => event.ev === 'mem')?.ev === 'mem'
        ? (events.find((event) => event.ev === 'mem') as { rss_kb: number }).rss_kb
        : 0;
    const heldKb = rssKb(pushed.events) - rssKb(direct.events);
    console.log(
      `data_files vs beside, at load: peak RSS +${(extraKb / 1024).toFixed(1)} MiB, RSS +${(heldKb / 1024).toFixed(1)} MiB`,
    );
    expect(extraKb).toBeLessThan(weightBytes(shape) / 1024 / 4);
    expect(heldKb).toBeLessThan(weightBytes(shape) / 1024 / 4);
  });

  it('the load line counts the mapped weights once, plus those embedded in the graphs', async () => {
    const both = await run('count', true);
    const load = both.events.find((event) => event.ev === 'load');
    if (load?.ev !== 'load') throw new Error('no load line');
    const dataBytes = (await stat(join(artifact, 'weights.data'))).size;
    // Shared across both graphs: once, not twice; the data file holds at most a page of padding
    // per tensor beyond its tensors, and the graphs embed only small tensors.
    expect(load.weights_bytes).toBeGreaterThanOrEqual(weightBytes(shape));
    expect(load.weights_bytes).toBeLessThan(dataBytes * 1.1);
  });

  it('a location neither in data_files nor beside the graph: graph-unreadable', async () => {
    const bare = join(work, 'bare');
    await mkdir(bare);
    for (const file of ['prefill.onnx', 'decode.onnx'])
      await copyFile(join(artifact, file), join(bare, file));
    const plan = { score: 'none' as const, data_files: { 'other.data': 'nowhere.data' } };
    const result = await run('bare-run', true, bare, plan);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.events.at(-1)).toMatchObject({
      ev: 'error',
      code: 'graph-unreadable',
      message: expect.stringMatching(/weights.data is neither in data_files nor beside the graph/),
    });
  });
});
