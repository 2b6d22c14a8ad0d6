import * as ort from 'onnxruntime-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactCache } from '../core/graphs/artifact-cache';
import { buildGraphs } from '../core/graphs/build-graphs';
import { resolveModelPath } from '../core/graphs/model-source';
import { medianOf, type Benchmark } from './benchmark';

const samples = 5;
const demoModel = 'builtin:edge-infinite-tiny';
const scenario = { chunk: 128, sink: 4, window: 512, memory: 'on' } as const;

/**
 * Time to specialise the demo model for one scenario (prefill + decode graphs, each written,
 * run once in onnxruntime and checked), cold each time. Baseline: creating one onnxruntime
 * session on the unspecialised model, the least any check of a graph costs.
 */
export const specialiseTiny: Benchmark = {
  name: 'specialise-tiny',
  description:
    'specialise the demo model for one scenario (prefill + decode, ORT-checked), median of 5',
  async run() {
    const baseline = await medianOf(samples, sessionCreate);
    const value = await medianOf(samples, specialiseOnce);
    return { value, unit: 'ms', baseline: { label: 'one ORT session create', value: baseline } };
  },
};

async function specialiseOnce(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'edge-studio-bench-'));
  try {
    const started = performance.now();
    const built = await buildGraphs(
      { model: demoModel, scenario, quant: 'float' },
      new ArtifactCache(dir),
    );
    if (!built.ok) throw new Error(built.error.message);
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sessionCreate(): Promise<number> {
  const started = performance.now();
  const session = await ort.InferenceSession.create(resolveModelPath(demoModel) as string, {
    intraOpNumThreads: 1,
  });
  const elapsed = performance.now() - started;
  await session.release();
  return elapsed;
}
