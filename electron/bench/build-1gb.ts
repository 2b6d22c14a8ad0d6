import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Benchmark } from './benchmark';
import type { ChildBuild } from './build-child';
import { weightBytes, writeSyntheticDecoder, type DecoderShape } from './synthetic-decoder';

// 12 layers of 1024 × (4 · 1024 + 3 · 4096) and a 32000-word vocabulary: 0.99 GiB of float32.
const shape: DecoderShape = {
  layers: 12,
  hidden: 1024,
  heads: 16,
  intermediate: 4096,
  vocab: 32000,
};
const scenario = { chunk: 32, sink: 4, window: 124, memory: 'off' } as const;
const quant = 'int4-g32';
const mib = 2 ** 20;

/**
 * Peak RSS of an int4-g32 build of a synthetic ~1 GiB decoder whose weights are in an external
 * data file, through the studio's build path, measured in a child process so the bench's own
 * memory does not count. Goal: 1.5 GiB, i.e. the float weights are never all held (let alone
 * twice). Baseline: the float32 weights' size.
 */
export const build1gb: Benchmark = {
  name: 'build-1gb',
  description: `${quant} build of a synthetic ${(weightBytes(shape) / 2 ** 30).toFixed(2)} GiB float32 decoder (external data): peak RSS of the build`,
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'edge-studio-build-1gb-'));
    try {
      const modelDir = join(dir, 'model');
      await mkdir(modelDir);
      const started = performance.now();
      const model = await writeSyntheticDecoder(modelDir, shape);
      const tokenizer = join(
        import.meta.dirname,
        '../core/graphs/fixtures/llama-tiny/tokenizer.json',
      );
      await copyFile(tokenizer, join(modelDir, 'tokenizer.json'));
      console.log(`  wrote the model in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const build = await buildInChild(model, join(dir, 'artifacts'));
      const artifact = Object.values(build.files).reduce((sum, bytes) => sum + bytes, 0);
      console.log(
        `  build ${(build.ms / 1000).toFixed(1)} s, peak RSS ${(build.peakRssKb / 1024).toFixed(0)} MiB, artifact ${(artifact / mib).toFixed(0)} MiB ${JSON.stringify(build.files)}`,
      );
      for (const [ms, peakKb, step] of build.steps)
        console.log(
          `    ${(ms / 1000).toFixed(1)} s, peak ${(peakKb / 1024).toFixed(0)} MiB: ${step}`,
        );
      return {
        value: build.peakRssKb / 1024,
        unit: 'MiB',
        goal: { op: '<=', value: 1536 },
        baseline: { label: 'float32 weights', value: weightBytes(shape) / mib },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function buildInChild(model: string, cacheDir: string): Promise<ChildBuild> {
  const child = join(import.meta.dirname, 'build-child.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      child,
      model,
      cacheDir,
      quant,
      JSON.stringify(scenario),
    ],
    { env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' }, maxBuffer: 16 * mib },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildBuild;
}
