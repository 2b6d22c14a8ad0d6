import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunnerLine } from '../../shared/runner-events';
import { argmax, type Logits } from '../core/graphs/fidelity/logits';
import { PlanRunner } from '../core/graphs/fidelity/plan-runner';
import { loaderArgv, runnerEnvironment } from '../core/runs/runtimes/runtime-bundle';
import { testBundle, writeDemoPlan } from '../runner/testing-runner';
import { pairedMedians, type Benchmark } from './benchmark';

const pairs = 31;
const prompt = Array.from({ length: 128 }, (_, i) => (i * 59 + 13) % 256);
const chunk = 16;
const threads = 1;

/**
 * edge-runner's TTFT (its own first_token line: prefill of 128 tokens in chunks of 16 on the demo
 * stream graph, after a warm-up repetition in the same process) over a bare onnxruntime-node loop
 * on the same graphs, tokens and thread count (the studio's PlanRunner, sessions kept warm):
 * 31 interleaved pairs, the Hodges–Lehmann ratio with its 95 % CI. Goal ≤ 1.00: the native loop
 * is not slower than the JS binding.
 */
export const runnerOverhead: Benchmark = {
  name: 'runner-overhead',
  description: `edge-runner TTFT / onnxruntime-node loop TTFT, demo stream graph, ${prompt.length} tokens, ${threads} thread, ${pairs} pairs`,
  async run() {
    process.env.ORT_DISABLE_TELEMETRY = '1';
    const bundle = await testBundle('x86_64');
    const work = await mkdtemp(join(tmpdir(), 'edge-studio-bench-overhead-'));
    try {
      const { planPath, plan } = await writeDemoPlan(
        work,
        prompt,
        { decode_tokens: 0, warmup: 1, repetitions: 1, score: 'none', threads },
        { chunk },
      );
      const node = await PlanRunner.open(plan, work);
      const argv = loaderArgv(bundle.manifest, bundle.dir, planPath);
      const env = runnerEnvironment(join(work, 'env'));
      try {
        const result = await pairedMedians(
          pairs,
          () => runnerTtft(argv, env),
          () => nodeTtft(node),
        );
        const [low, high] = result.interval;
        console.log(
          `  edge-runner ${result.a.toFixed(1)} ms, onnxruntime-node ${result.b.toFixed(1)} ms (medians); ratio ${result.ratio.toFixed(3)}, 95 % CI [${low.toFixed(3)}, ${high.toFixed(3)}]`,
        );
        return { value: result.ratio, unit: '×', goal: { op: '<=', value: 1 } };
      } finally {
        await node.release();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};

/** One prefill through the warm node sessions, until the first token is chosen, in ms. */
async function nodeTtft(node: PlanRunner): Promise<number> {
  node.reset();
  const started = performance.now();
  const rows = await node.feed(prompt);
  argmax(rows.at(-1) as Logits);
  return performance.now() - started;
}

/** The ttft_ms of the measured repetition of one runner process. */
function runnerTtft(argv: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (part: string) => (text += part));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', () => {
      for (const line of text.split('\n')) {
        const event = parseRunnerLine(line);
        // Warm-up repetitions print their first token too, marked: the measured one counts.
        if (event.ok && event.value.ev === 'first_token' && !event.value.warmup)
          return resolve(event.value.ttft_ms);
      }
      reject(new Error(`no first_token line: ${text}`));
    });
  });
}
