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
import { PlanRunner } from '../core/graphs/fidelity/plan-runner';

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
 * against), through the studio's generic loop: every real position's logits row, then one row
 * per greedy decode step. Graph files are absolute (or relative to the working directory).
 */
export async function nodePlanLogits(
  plan: RunnerPlan,
  prompt: readonly number[],
): Promise<Float32Array[]> {
  const runner = await PlanRunner.open(plan, process.cwd());
  try {
    const rows = await runner.feed(prompt);
    for (let step = 0; step < (plan.decode_tokens ?? 0); step++)
      rows.push(...(await runner.feed([argmax(rows.at(-1) as Float32Array)])));
    return rows;
  } finally {
    await runner.release();
  }
}

export function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}
