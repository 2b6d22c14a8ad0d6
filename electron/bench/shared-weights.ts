import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median } from 'simple-statistics';
import { parseRunnerLine } from '../../shared/runner-events';
import * as ort from 'onnxruntime-node';
import { graphPairPlan } from '../core/runs/runtimes/graph-pair-plan';
import { loaderArgv, runnerEnvironment } from '../core/runs/runtimes/runtime-bundle';
import { testBundle } from '../runner/testing-runner';
import type { Benchmark } from './benchmark';
import type { ChildBuild } from './build-child';
import { writeSyntheticDecoder, type DecoderShape } from './synthetic-decoder';

// 6 layers of 1024 × (4 · 1024 + 3 · 2816) and an 8192-word vocabulary: 370 MB of float32,
// 115 MB at int4-g32 (the head stays float: 34 MB of it), so weights dominate the runner's RSS.
const shape: DecoderShape = { layers: 6, hidden: 1024, heads: 16, intermediate: 2816, vocab: 8192 };
const scenario = { chunk: 32, sink: 4, window: 124, memory: 'off' } as const;
const quant = 'int4-g32';
const samples = 5;
const mib = 2 ** 20;

/**
 * Peak RSS (VmHWM, from the runner's last `mem` line) of edge-runner running the prefill and
 * decode graphs of one int4-g32 artifact (64 prompt tokens, 4 decode steps), over the same runner
 * and prompt with the prefill graph alone; median of 5 each, interleaved. Goal ≤ 1.15: the
 * weights, which both graphs read from one weights.data, are held once. The artifact is a
 * synthetic optimum-style decoder built by the studio's build path (self-contained graphs).
 */
export const sharedWeights: Benchmark = {
  name: 'shared-weights',
  description: `edge-runner peak RSS with prefill + decode of an ${quant} artifact loaded vs prefill alone, median of ${samples}`,
  async run() {
    process.env.ORT_DISABLE_TELEMETRY = '1';
    const bundle = await testBundle('x86_64');
    const work = await mkdtemp(join(tmpdir(), 'edge-studio-bench-weights-'));
    try {
      const artifact = await buildArtifact(work);
      const single = await writePlan(artifact, 'plan-prefill.json', false);
      const both = await writePlan(artifact, 'plan-both.json', true);
      const alone: number[] = [];
      const paired: number[] = [];
      for (let i = 0; i < samples; i++) {
        alone.push(await loadedPeakKb(bundle, single, work));
        paired.push(await loadedPeakKb(bundle, both, work));
      }
      const [a, b] = [median(paired) / 1024, median(alone) / 1024];
      console.log(`  prefill + decode ${a.toFixed(0)} MiB, prefill alone ${b.toFixed(0)} MiB`);
      return {
        value: a / b,
        unit: '×',
        goal: { op: '<=', value: 1.15 },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};

/** Builds the synthetic decoder at int4-g32 in a child process; returns the artifact folder. */
async function buildArtifact(work: string): Promise<string> {
  const modelDir = join(work, 'model');
  await mkdir(modelDir);
  const model = await writeSyntheticDecoder(modelDir, shape);
  const tokenizer = join(import.meta.dirname, '../core/graphs/fixtures/llama-tiny/tokenizer.json');
  await copyFile(tokenizer, join(modelDir, 'tokenizer.json'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      ...['--import', import.meta.resolve('tsx'), join(import.meta.dirname, 'build-child.ts')],
      ...[model, join(work, 'artifacts'), quant, JSON.stringify(scenario)],
    ],
    { env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' }, maxBuffer: 16 * mib },
  );
  const build = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildBuild;
  const dir = /wrote (.+)$/.exec(build.steps.at(-1)?.[2] ?? '')?.[1];
  if (!dir) throw new Error('the build wrote no artifact');
  console.log(`  artifact: ${JSON.stringify(build.files)}`);
  return dir;
}

/** The studio's plan of the artifact's graph pair: 64 prompt tokens, then 4 (or no) decode steps. */
async function writePlan(dir: string, name: string, withDecode: boolean): Promise<string> {
  const session = await ort.InferenceSession.create(join(dir, 'prefill.onnx'));
  const inputNames = [...session.inputNames];
  await session.release();
  const { graphs, ...plan } = graphPairPlan({
    prefill: 'prefill.onnx',
    decode: 'decode.onnx',
    inputNames,
    padToken: 0,
    prompt: 'prompt.i32',
    decodeTokens: withDecode ? 4 : 0,
  });
  const prompt = Int32Array.from({ length: 64 }, (_, i) => (i * 31 + 7) % shape.vocab);
  await writeFile(join(dir, 'prompt.i32'), Buffer.from(prompt.buffer));
  const written = {
    ...plan,
    graphs: withDecode ? graphs : { prefill: graphs.prefill },
    score: 'none',
  };
  await writeFile(join(dir, name), JSON.stringify(written));
  return join(dir, name);
}

/** The runner's VmHWM at its last `mem` line (the end of the run), KiB; throws unless done. */
function loadedPeakKb(
  bundle: Awaited<ReturnType<typeof testBundle>>,
  plan: string,
  work: string,
): Promise<number> {
  const argv = loaderArgv(bundle.manifest, bundle.dir, plan);
  const child = spawn(argv[0]!, argv.slice(1), {
    env: runnerEnvironment(join(work, 'env')),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', () => {
      const events = text.split('\n').flatMap((line) => {
        const event = parseRunnerLine(line);
        return event.ok ? [event.value] : [];
      });
      const peak = events.findLast((event) => event.ev === 'mem');
      if (events.at(-1)?.ev !== 'done' || peak?.ev !== 'mem')
        return reject(new Error(`the runner did not finish: ${text}`));
      resolve(peak.hwm_kb);
    });
  });
}
