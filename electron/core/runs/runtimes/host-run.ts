import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRunnerLine, type RunnerEvent } from '../../../../shared/runner-events';
import type { RunnerPlan } from '../../../../shared/runner-plan';
import { fail, ok, type Result } from '../../../../shared/result';
import { loaderArgv, runnerEnvironment, type BundleManifest } from './runtime-bundle';

/** A runtime bundle unpacked on this host (the setup step builds x86_64 under out/runtime). */
export interface HostBundle {
  dir: string;
  manifest: BundleManifest;
}

/** What one run printed: the scored logits rows and the greedy tokens. */
export interface HostRunOutput {
  rows: Float32Array[];
  /** The prompt's greedy next token, then one per decode step. */
  tokens: number[];
}

/**
 * Runs a plan with a bundle's edge-runner on this host, as a phone would (loader-style, HOME and
 * TMPDIR inside `dir`, telemetry off): writes the plan and its prompt into `dir`, reads the
 * first repetition's logits file. A runner error line comes back as an `internal` error naming its code.
 */
export async function runOnHost(
  bundle: HostBundle,
  dir: string,
  plan: RunnerPlan,
  prompt: readonly number[],
): Promise<Result<HostRunOutput>> {
  const environment = runnerEnvironment(dir, bundle.manifest, bundle.dir);
  for (const folder of [dir, environment.HOME!, environment.TMPDIR!])
    await mkdir(folder, { recursive: true });
  await writeFile(join(dir, plan.prompt), Buffer.from(Int32Array.from(prompt).buffer));
  const planPath = join(dir, 'plan.json');
  await writeFile(planPath, JSON.stringify(plan));
  const run = await runLines(loaderArgv(bundle.manifest, bundle.dir, planPath), environment);
  const output = run.events.find((event) => event.ev === 'output');
  if (output?.ev !== 'output' || run.status !== 0) {
    const error = run.events.find((event) => event.ev === 'error');
    const why = error?.ev === 'error' ? `${error.code}: ${error.message}` : run.stderr.trim();
    return fail('internal', `edge-runner exited ${run.status}: ${why}`);
  }
  if (!output.logits_file) return ok({ rows: [], tokens: output.tokens });
  const bytes = await readFile(join(dir, output.logits_file));
  const logits = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const rows = Array.from({ length: output.rows }, (_, row) =>
    logits.slice(row * output.vocab, (row + 1) * output.vocab),
  );
  return ok({ rows, tokens: output.tokens });
}

interface LineRun {
  events: RunnerEvent[];
  status: number | null;
  stderr: string;
}

/** Starts argv and collects its contract lines (others are diagnostics, kept with stderr). */
function runLines(argv: string[], environment: Record<string, string>): Promise<LineRun> {
  const child = spawn(argv[0] as string, argv.slice(1), {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: LineRun = { events: [], status: null, stderr: '' };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const lines = (buffered + text).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = parseRunnerLine(line);
      if (parsed.ok) run.events.push(parsed.value);
      else run.stderr += `${line}\n`;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (run.stderr += text));
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ ...run, stderr: run.stderr + error.message }));
    child.once('close', (status) => resolve({ ...run, status }));
  });
}
