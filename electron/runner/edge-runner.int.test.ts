import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerPlan } from '../../shared/runner-plan';
import { runnerPlanSchema } from '../../shared/runner-plan';
import type { BundleManifest } from '../core/runs/runtimes/runtime-bundle';
import {
  argmax,
  demoGraph,
  nodePlanLogits,
  runBundle,
  testBundle,
  writeDemoPlan,
  type RunnerRun,
} from './testing-runner';

process.env.ORT_DISABLE_TELEMETRY = '1';
const prompt = Array.from({ length: 40 }, (_, i) => (i * 37 + 11) % 256);
let bundle: { dir: string; manifest: BundleManifest };
let work: string;

beforeAll(async () => {
  bundle = await testBundle('x86_64');
  work = await mkdtemp(join(tmpdir(), 'edge-runner-test-'));
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

let cases = 0;
async function runPlan(plan: unknown, promptBytes?: Buffer): Promise<RunnerRun> {
  const dir = join(work, `case-${cases++}`);
  const { planPath } = await writeDemoPlan(dir, prompt);
  if (promptBytes) await writeFile(join(dir, 'prompt.i32'), promptBytes);
  await writeFile(planPath, typeof plan === 'string' ? plan : JSON.stringify(plan));
  return runBundle(bundle, [planPath]);
}

/** A failed run: exactly one error line, last, with `code`; a plain exit, no crash. */
function expectCoded(run: RunnerRun, code: string, message?: RegExp) {
  expect(run.invalid).toEqual([]);
  expect(run.signal).toBeNull();
  const errors = run.events.filter((event) => event.ev === 'error');
  expect(errors).toHaveLength(1);
  expect(run.events.at(-1)).toMatchObject({ ev: 'error', code });
  if (message) expect(errors[0]).toMatchObject({ message: expect.stringMatching(message) });
  expect(run.status).toBe(1);
}

async function basePlan(): Promise<RunnerPlan> {
  return (await writeDemoPlan(join(work, 'base'), prompt)).plan;
}

describe('edge-runner on the demo stream graph', () => {
  it('prints the contract, and its logits match onnxruntime-node within 1e-5', async () => {
    const { planPath, plan } = await writeDemoPlan(join(work, 'match'), prompt);
    expect(runnerPlanSchema.safeParse(plan).success).toBe(true);
    const run = await runBundle(bundle, [planPath]);
    expect(run.invalid).toEqual([]);
    expect(run.status).toBe(0);
    const kinds = run.events.map((event) => event.ev);
    expect(kinds).toEqual([
      ...['hello', 'load', 'mem', 'chunk', 'chunk', 'chunk', 'first_token', 'mem'],
      ...['token', 'token', 'token', 'mem', 'output', 'done'],
    ]);
    expect(run.events[0]).toMatchObject({ ev: 'hello', ort: '1.30.0', ep: 'cpu', threads: 1 });
    const output = run.events.find((event) => event.ev === 'output')!;
    if (output.ev !== 'output') throw new Error('no output');
    expect(output).toMatchObject({ rows: prompt.length + 3, vocab: 260 });
    const bytes = await readFile(join(work, 'match', output.logits_file!));
    const logits = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    const reference = await nodePlanLogits(plan, prompt);
    expect(reference).toHaveLength(output.rows);
    let maxDiff = 0;
    reference.forEach((row, r) =>
      row.forEach((value, i) => {
        maxDiff = Math.max(maxDiff, Math.abs(value - logits[r * 260 + i]!));
      }),
    );
    expect(maxDiff).toBeLessThan(1e-5);
    const greedy = reference.slice(prompt.length - 1).map(argmax);
    expect(output.tokens).toEqual(greedy);
  }, 60_000);

  it('exits within 1 s of SIGTERM mid-run, with a cancelled line', async () => {
    const { planPath } = await writeDemoPlan(join(work, 'sigterm'), prompt, {
      repetitions: 100_000,
    });
    let killedAt = 0;
    const run = await runBundle(bundle, [planPath], (event, kill) => {
      if (event.ev === 'chunk' && event.rep === 2 && event.i === 1) {
        killedAt = performance.now();
        kill();
      }
    });
    const exitMs = performance.now() - killedAt;
    expect(killedAt).toBeGreaterThan(0);
    expect(exitMs).toBeLessThan(1000);
    expect(run.events.at(-1)).toMatchObject({ ev: 'error', code: 'cancelled' });
    expect(run.status).toBe(143);
  }, 60_000);

  it('an EP missing from the library gives ep-unavailable, then CPU only if the plan allows', async () => {
    const base = await basePlan();
    const refused = await runPlan({ ...base, ep: 'qnn' });
    expect(refused.events).toEqual([{ ev: 'ep-unavailable', ep: 'qnn' }]);
    expect(refused.status).toBe(3);
    const fallback = await runPlan({ ...base, ep: 'nnapi', ep_fallback: true, decode_tokens: 0 });
    expect(fallback.events[0]).toEqual({ ev: 'ep-unavailable', ep: 'nnapi', fallback: 'cpu' });
    expect(fallback.events[1]).toMatchObject({ ev: 'hello', ep: 'cpu' });
    expect(fallback.events.at(-1)).toEqual({ ev: 'done' });
  }, 60_000);
});

describe('edge-runner warm-up, hold file and weights count', () => {
  it('prints warm-up repetitions marked warmup, with their own rep numbers and no output', async () => {
    const dir = join(work, 'warmup');
    const { planPath } = await writeDemoPlan(dir, prompt, { warmup: 2, repetitions: 1 });
    const run = await runBundle(bundle, [planPath]);
    expect(run.invalid).toEqual([]);
    expect(run.status).toBe(0);
    const lines = run.events.map((event) =>
      'rep' in event ? `${event.ev}:${event.rep}${'warmup' in event ? 'w' : ''}` : event.ev,
    );
    const warm = (rep: number) => [
      ...[`chunk:${rep}w`, `chunk:${rep}w`, `chunk:${rep}w`, `first_token:${rep}w`],
      ...[`token:${rep}w`, `token:${rep}w`, `token:${rep}w`],
    ];
    expect(lines).toEqual([
      ...['hello', 'load', 'mem', ...warm(0), ...warm(1)],
      ...['chunk:0', 'chunk:0', 'chunk:0', 'first_token:0', 'mem'],
      ...['token:0', 'token:0', 'token:0', 'mem', 'output:0', 'done'],
    ]);
    for (const event of run.events) if ('warmup' in event) expect(event.warmup).toBe(true);
    expect(await readdir(join(dir, 'out'))).toEqual(['logits-0.f32']);
  }, 60_000);

  it('waits while the hold file exists, then prints held before the repetition', async () => {
    const dir = join(work, 'hold');
    const { planPath } = await writeDemoPlan(dir, prompt, {
      warmup: 1,
      repetitions: 2,
      hold_file: 'hot',
    });
    await writeFile(join(dir, 'hot'), '');
    let removedAt = 0;
    const run = await runBundle(bundle, [planPath], (event) => {
      if (event.ev === 'mem' && removedAt === 0)
        setTimeout(() => {
          removedAt = performance.now();
          void rm(join(dir, 'hot'));
        }, 150);
    });
    expect(run.invalid).toEqual([]);
    expect(run.status).toBe(0);
    const held = run.events.filter((event) => event.ev === 'held');
    expect(held).toEqual([{ ev: 'held', rep: 0, warmup: true, ms: expect.any(Number) }]);
    expect(held[0]!.ms).toBeGreaterThanOrEqual(140);
    // Held before the warm-up ran: nothing of a repetition comes before it.
    const kinds = run.events.map((event) => event.ev);
    expect(kinds.slice(0, 5)).toEqual(['hello', 'load', 'mem', 'held', 'chunk']);
    expect(run.events.filter((event) => event.ev === 'output')).toHaveLength(2);
  }, 60_000);

  it('a held run still exits on SIGTERM, with a cancelled line', async () => {
    const dir = join(work, 'hold-cancel');
    const { planPath } = await writeDemoPlan(dir, prompt, { hold_file: 'hot' });
    await writeFile(join(dir, 'hot'), '');
    let killedAt = 0;
    const run = await runBundle(bundle, [planPath], (event, kill) => {
      if (event.ev === 'mem')
        setTimeout(() => {
          killedAt = performance.now();
          kill();
        }, 100);
    });
    expect(performance.now() - killedAt).toBeLessThan(1000);
    expect(run.events.some((event) => event.ev === 'chunk')).toBe(false);
    expect(run.events.at(-1)).toMatchObject({ ev: 'error', code: 'cancelled' });
    expect(run.status).toBe(143);
  }, 60_000);

  it('load counts the embedded weights of a graph file once, however many sessions use it', async () => {
    const base = await basePlan();
    const weightsOf = (run: RunnerRun) => {
      const load = run.events.find((event) => event.ev === 'load');
      if (load?.ev !== 'load') throw new Error('no load line');
      return load.weights_bytes;
    };
    const both = weightsOf(await runPlan({ ...base, score: 'none' }));
    const graphs = { prefill: base.graphs.prefill };
    const alone = weightsOf(await runPlan({ ...base, graphs, decode_tokens: 0, score: 'none' }));
    const fileBytes = (await stat(demoGraph)).size;
    expect(both).toBe(alone);
    // The demo graph's weights are inline: most of its file, never more than all of it.
    expect(both).toBeGreaterThan(fileBytes / 2);
    expect(both).toBeLessThanOrEqual(fileBytes);
  }, 60_000);
});

describe('edge-runner errors are coded lines', () => {
  it('without a plan argument: usage', async () => {
    expectCoded(await runBundle(bundle, []), 'usage');
  });

  it('a plan it cannot read: plan-unreadable', async () => {
    expectCoded(await runBundle(bundle, [join(work, 'no-such-plan.json')]), 'plan-unreadable');
  });

  const planErrors: [string, (plan: RunnerPlan) => unknown, RegExp][] = [
    ['not JSON', () => '{"version": 1,', /not valid JSON/],
    ['not an object', () => [1, 2], /expected a JSON object/],
    ['an unknown field', (plan) => ({ ...plan, treads: 2 }), /^treads: unknown field/],
    ['another version', (plan) => ({ ...plan, version: 2 }), /^version/],
    ['no prefill graph', (plan) => ({ ...plan, graphs: {} }), /graphs.prefill: required/],
    [
      'a dim of 0',
      (plan) => ({
        ...plan,
        graphs: {
          ...plan.graphs,
          prefill: { file: plan.graphs.prefill.file, dims: { chunk_length: 0 } },
        },
      }),
      /graphs.prefill.dims.chunk_length/,
    ],
    [
      'decode steps without a decode graph',
      (plan) => ({ ...plan, graphs: { prefill: plan.graphs.prefill } }),
      /decode_tokens: needs graphs.decode/,
    ],
    ['an unknown EP', (plan) => ({ ...plan, ep: 'cuda' }), /^ep: expected/],
    ['zero threads', (plan) => ({ ...plan, threads: 0 }), /^threads/],
    ['a string where a number goes', (plan) => ({ ...plan, pad_token: '256' }), /^pad_token/],
    [
      'a constant short of values',
      (plan) => ({
        ...plan,
        constants: [{ name: 'sink_size', type: 'int64', shape: [2], values: [4] }],
      }),
      /constants.0.values/,
    ],
    [
      'a constant of an unknown type',
      (plan) => ({
        ...plan,
        constants: [{ name: 'sink_size', type: 'int4', shape: [1], values: [4] }],
      }),
      /constants.0.type/,
    ],
    [
      'a state pair without output',
      (plan) => ({ ...plan, state: [{ input: 'past_mask' }] }),
      /state.0.output: required/,
    ],
    ['an unknown score', (plan) => ({ ...plan, score: 'some' }), /^score/],
    ['data_files not an object', (plan) => ({ ...plan, data_files: ['w.data'] }), /^data_files/],
    [
      'a data file that is not a name',
      (plan) => ({ ...plan, data_files: { 'weights.data': 3 } }),
      /^data_files.weights.data/,
    ],
    ['an empty hold_file', (plan) => ({ ...plan, hold_file: '' }), /^hold_file/],
  ];
  it.each(planErrors)('%s: plan-invalid naming the field', async (_, edit, message) => {
    const plan = edit(await basePlan());
    if (typeof plan !== 'string') expect(runnerPlanSchema.safeParse(plan).success).toBe(false);
    expectCoded(await runPlan(plan), 'plan-invalid', message);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['not a multiple of 4 bytes', Buffer.alloc(6)],
    ['a negative token', Buffer.from(Int32Array.from([1, -5]).buffer)],
  ])('a prompt that is %s: prompt-invalid', async (_, bytes) => {
    expectCoded(await runPlan(await basePlan(), bytes), 'prompt-invalid');
  });

  it('a missing prompt file: prompt-invalid', async () => {
    expectCoded(await runPlan({ ...(await basePlan()), prompt: 'nope.i32' }), 'prompt-invalid');
  });

  const graphErrors: [
    string,
    string,
    (plan: RunnerPlan, dir: string) => Promise<unknown> | unknown,
    RegExp,
  ][] = [
    [
      'a missing graph file',
      'graph-unreadable',
      (plan) => ({ ...plan, graphs: { ...plan.graphs, prefill: { file: 'missing.onnx' } } }),
      /missing.onnx/,
    ],
    [
      'a file that is not ONNX',
      'graph-invalid',
      async (plan, dir) => {
        await writeFile(join(dir, 'junk.onnx'), 'not a protobuf at all');
        return { ...plan, graphs: { ...plan.graphs, prefill: { file: 'junk.onnx' } } };
      },
      /junk.onnx/,
    ],
    [
      'a symbolic dim left unpinned',
      'graph-mismatch',
      (plan) => ({
        ...plan,
        graphs: {
          ...plan.graphs,
          prefill: { file: plan.graphs.prefill.file, dims: { chunk_length: 16 } },
        },
      }),
      /symbolic dim/,
    ],
    [
      'a graph input the plan does not wire',
      'graph-mismatch',
      (plan) => ({ ...plan, state: plan.state.slice(1) }),
      /input past_mask is not in the plan/,
    ],
    [
      'a plan input the graph lacks',
      'graph-mismatch',
      (plan) => ({ ...plan, inputs: { ...plan.inputs, tokens: 'tokens' } }),
      /no input tokens/,
    ],
    [
      'a state output the graph lacks',
      'graph-mismatch',
      (plan) => ({
        ...plan,
        state: plan.state.map((s, i) => (i === 0 ? { ...s, output: 'next_mask' } : s)),
      }),
      /no output next_mask/,
    ],
    [
      'a logits output the graph lacks',
      'graph-mismatch',
      (plan) => ({ ...plan, logits: 'scores' }),
      /no output scores/,
    ],
    [
      'a constant of the wrong type',
      'graph-mismatch',
      (plan) => ({ ...plan, constants: plan.constants!.map((c) => ({ ...c, type: 'float32' })) }),
      /constant sink_size is float32/,
    ],
    [
      'a state wired to an output of another shape',
      'graph-mismatch',
      (plan) => ({
        ...plan,
        state: plan.state.map((s) => (s.input === 'past_mask' ? { ...s, output: 'logits' } : s)),
      }),
      /output logits is float32/,
    ],
    [
      'positions wired to a float input',
      'graph-mismatch',
      (plan) => ({
        ...plan,
        inputs: { ...plan.inputs, positions: 'chunk_mask', chunk_mask: 'position_ids' },
      }),
      /must be/,
    ],
  ];
  it.each(graphErrors)('%s: %s', async (_, code, edit, message) => {
    const dir = join(work, `graph-${cases++}`);
    const { planPath, plan } = await writeDemoPlan(dir, prompt);
    await writeFile(planPath, JSON.stringify(await edit(plan, dir)));
    expectCoded(await runBundle(bundle, [planPath]), code, message);
  });

  it('a token outside the vocabulary: run-failed', async () => {
    const run = await runPlan(await basePlan(), Buffer.from(Int32Array.from([1, 99_999]).buffer));
    expectCoded(run, 'run-failed');
  });

  it('an output folder it cannot write: output-unwritable', async () => {
    const dir = join(work, `unwritable-${cases++}`);
    const { planPath, plan } = await writeDemoPlan(dir, prompt);
    await writeFile(join(dir, 'blocker'), '');
    await writeFile(planPath, JSON.stringify({ ...plan, output_dir: 'blocker', decode_tokens: 0 }));
    expectCoded(await runBundle(bundle, [planPath]), 'output-unwritable');
  });
});
