import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { parseRunnerLine, type RunnerEvent } from '../../shared/runner-events';
import type { RunnerPlan } from '../../shared/runner-plan';
import {
  loaderArgv,
  readBundle,
  runnerEnvironment,
  type BundleAbi,
  type BundleManifest,
} from '../core/runs/runtimes/runtime-bundle';
import { streamGraphPlan } from '../core/runs/runtimes/stream-plan';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const demoGraph = join(
  repoRoot,
  'profiles/models/edge-infinite-tiny/edge_infinite_tiny_stream.onnx',
);

/** The bundle of `abi` under out/runtime, built first if the setup step has not (tests only). */
export async function testBundle(
  abi: BundleAbi,
): Promise<{ dir: string; manifest: BundleManifest }> {
  const dir = join(repoRoot, 'out', 'runtime', abi);
  if (!existsSync(join(dir, 'bundle.json'))) {
    const built = spawnSync(process.execPath, [join(repoRoot, 'electron/runner/build.mjs'), abi], {
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error(`building the ${abi} bundle failed`);
  }
  const manifest = await readBundle(dir);
  if (!manifest.ok) throw new Error(manifest.error.message);
  return { dir, manifest: manifest.value };
}

/** A demo-model plan written into `dir` with its prompt; the graph is linked by absolute path. */
export async function writeDemoPlan(
  dir: string,
  prompt: readonly number[],
  overrides: Partial<RunnerPlan> = {},
  options: { chunk?: number; decodeTokens?: number; graph?: string } = {},
): Promise<{ planPath: string; plan: RunnerPlan }> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'prompt.i32'), Buffer.from(Int32Array.from(prompt).buffer));
  const session = await ort.InferenceSession.create(demoGraph);
  const inputNames = [...session.inputNames];
  await session.release();
  const plan = {
    ...streamGraphPlan({
      graph: options.graph ?? demoGraph,
      inputNames,
      chunk: options.chunk ?? 16,
      sink: 4,
      window: 28,
      memory: 'on',
      prompt: 'prompt.i32',
      decodeTokens: options.decodeTokens ?? 3,
    }),
    ...overrides,
  };
  const planPath = join(dir, 'plan.json');
  await writeFile(planPath, JSON.stringify(plan));
  return { planPath, plan };
}

export interface RunnerRun {
  events: RunnerEvent[];
  /** Lines that are not contract events (there should be none). */
  invalid: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs a bundle's runner on the host, loader-style, and parses every stdout line. */
export function runBundle(
  bundle: { dir: string; manifest: BundleManifest },
  args: readonly string[],
  onEvent?: (event: RunnerEvent, kill: () => void) => void,
): Promise<RunnerRun> {
  const argv = [...loaderArgv(bundle.manifest, bundle.dir, '').slice(0, -1), ...args];
  const child = spawn(argv[0]!, argv.slice(1), {
    env: { ...runnerEnvironment(join(bundle.dir, '..', 'test-home')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: RunnerRun = { events: [], invalid: [], status: null, signal: null, stderr: '' };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    buffered += text;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const parsed = parseRunnerLine(line);
      if (!parsed.ok) run.invalid.push(line);
      else {
        run.events.push(parsed.value);
        onEvent?.(parsed.value, () => child.kill('SIGTERM'));
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (run.stderr += text));
  return new Promise((resolve) =>
    child.once('close', (status, signal) => resolve({ ...run, status, signal })),
  );
}

/**
 * The same plan run in onnxruntime-node (the reference the runner's logits are checked
 * against): every real position's logits row, then one row per greedy decode step.
 */
export async function nodePlanLogits(
  plan: RunnerPlan,
  prompt: readonly number[],
): Promise<Float32Array[]> {
  const open = (graph: RunnerPlan['graphs']['prefill']) =>
    ort.InferenceSession.create(graph.file, {
      intraOpNumThreads: plan.threads ?? 1,
      interOpNumThreads: 1,
      freeDimensionOverrides: graph.dims ?? {},
    });
  const prefill = await open(plan.graphs.prefill);
  const decode = await open(plan.graphs.decode!);
  const constants = Object.fromEntries(
    (plan.constants ?? []).map((c) => [
      c.name,
      c.type === 'float32'
        ? new ort.Tensor('float32', Float32Array.from(c.values), c.shape)
        : new ort.Tensor('int64', BigInt64Array.from(c.values, BigInt), c.shape),
    ]),
  );
  let state: Record<string, ort.Tensor> = {};
  for (const { input } of plan.state) {
    const meta = prefill.inputMetadata.find((m) => m.name === input);
    if (!meta?.isTensor) throw new Error(`no tensor input ${input}`);
    const dims = meta.shape.map((d) => (typeof d === 'number' ? d : plan.graphs.prefill.dims![d]!));
    state[input] = new ort.Tensor(
      'float32',
      new Float32Array(dims.reduce((a, b) => a * b, 1)),
      dims,
    );
  }
  let position = 0;
  const rows: Float32Array[] = [];
  const feed = async (session: ort.InferenceSession, width: number, tokens: number[]) => {
    const ids = Array.from({ length: width }, (_, i) => tokens[i] ?? plan.pad_token);
    const outputs = await session.run({
      ...state,
      ...constants,
      [plan.inputs.tokens]: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, width]),
      [plan.inputs.positions!]: new ort.Tensor(
        'int64',
        BigInt64Array.from(ids, (_, i) => BigInt(position + i)),
        [1, width],
      ),
      [plan.inputs.chunk_mask!]: new ort.Tensor(
        'float32',
        Float32Array.from(ids, (_, i) => (i < tokens.length ? 1 : 0)),
        [1, width],
      ),
    });
    state = Object.fromEntries(plan.state.map((s) => [s.input, outputs[s.output] as ort.Tensor]));
    position += tokens.length;
    const logits = outputs[plan.logits]!;
    const vocab = logits.dims[2]!;
    const data = logits.data as Float32Array;
    const fed = tokens.map((_, i) => data.slice(i * vocab, (i + 1) * vocab));
    rows.push(...fed);
    return fed[fed.length - 1]!;
  };
  const chunk = plan.graphs.prefill.dims!.chunk_length!;
  let last = new Float32Array();
  for (let start = 0; start < prompt.length; start += chunk)
    last = await feed(prefill, chunk, prompt.slice(start, start + chunk));
  for (let step = 0; step < (plan.decode_tokens ?? 0); step++)
    last = await feed(decode, 1, [argmax(last)]);
  await prefill.release();
  await decode.release();
  return rows;
}

export function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}
