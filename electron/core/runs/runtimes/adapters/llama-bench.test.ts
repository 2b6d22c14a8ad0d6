import { describe, expect, it } from 'vitest';
import { runnerEventSchema } from '../../../../../shared/runner-events';
import type { SummaryEvent } from './adapter-output';
import { detectLlamaBenchFormat, parseLlamaBench } from './llama-bench';
import { fixture } from './fixtures/read-fixture';

function summaries(name: string): SummaryEvent[] {
  const result = parseLlamaBench(fixture(name));
  if (!result.ok) throw new Error(result.error.message);
  for (const event of result.value.events) runnerEventSchema.parse(event);
  expect(result.value.events.at(-1)).toEqual({ ev: 'done' });
  return result.value.events.flatMap((event) => (event.ev === 'summary' ? [event] : []));
}

describe('llama-bench -o md on real captures (fixtures/SOURCES.md)', () => {
  it('Snapdragon phone, Hexagon NPU: pp128 is prefill t/s, tg64 decode t/s, build from the footer', () => {
    const [pp, tg] = summaries('llama-bench-md-hexagon-android.txt');
    expect(pp).toMatchObject({
      test: 'pp128',
      prompt_tokens: 128,
      gen_tokens: 0,
      tok_s: 169.42,
      tok_s_sd: 1.75,
      prefill_tok_s: 169.42,
      decode_tok_s: null,
      runs: null,
      latency_ms: null,
    });
    expect(pp?.config).toEqual({
      model_type: 'llama 1B Q4_0',
      model_size: '729.75 MiB',
      model_n_params: '1.24 B',
      backends: 'HTP',
      n_gpu_layers: 99,
      n_threads: 4,
      n_batch: 128,
      build_commit: '6a8cf8914',
      build_number: 6733,
    });
    expect(tg).toMatchObject({ test: 'tg64', gen_tokens: 64, decode_tok_s: 51.54, tok_s_sd: 1.13 });
    expect(tg?.prefill_tok_s).toBeNull();
  });

  it('Arm board: a pp4096+tg128 row is neither prefill nor decode, only tok_s', () => {
    const rows = summaries('llama-bench-md-radxa-dragon.txt');
    expect(rows.map((row) => [row.test, row.prefill_tok_s, row.decode_tok_s])).toEqual([
      ['pp512', 194.49, null],
      ['pp4096', 132.65, null],
      ['tg128', null, 38.81],
      ['pp4096+tg128', null, null],
    ]);
    expect(rows[3]).toMatchObject({ prompt_tokens: 4096, gen_tokens: 128, tok_s: 116.17 });
    expect(rows[0]?.config.n_threads).toBe(8);
  });

  it('2023 names with a space ("pp 64", "tg 16") still give token counts', () => {
    const rows = summaries('llama-bench-md-threads-2023.txt');
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({ test: 'pp 64', prompt_tokens: 64, prefill_tok_s: 6.17 });
    expect(rows[11]).toMatchObject({ test: 'tg 16', gen_tokens: 16, decode_tok_s: 16.41 });
    expect(rows[11]?.config).toMatchObject({ n_threads: 32, backends: 'CPU' });
  });
  it('SpacemiT K3 (RISC-V): vendor log lines before the table, fa and n_ubatch columns', () => {
    const [pp, tg] = summaries('llama-bench-md-spacemit-k3.txt');
    expect(pp).toMatchObject({ test: 'pp128', prefill_tok_s: 499.75, tok_s_sd: 0.22 });
    expect(tg).toMatchObject({ test: 'tg128', decode_tok_s: 53.35, tok_s_sd: 0.03 });
    expect(pp?.config).toEqual({
      model_type: 'qwen3 0.6B Q4_0',
      model_size: '358.78 MiB',
      model_n_params: '596.05 M',
      backends: 'CPU',
      n_threads: 8,
      n_ubatch: 128,
    });
  });
});

describe('llama-bench -o csv, json, jsonl on the README captures', () => {
  it('csv (2023 schema): avg_ns is one repetition in ms, numbers become numbers, no samples', () => {
    const [pp, tg] = summaries('llama-bench-csv-rtx3090ti-2023.txt');
    expect(pp).toMatchObject({ test: 'pp512', prefill_tok_s: 2413.341687, tok_s_sd: 8.305961 });
    expect(pp?.latency_ms?.mean).toBe(212.155977);
    expect(pp?.samples_ms).toBeNull();
    expect(tg).toMatchObject({ test: 'tg128', decode_tok_s: 132.052051, runs: null });
    expect(tg?.config).toMatchObject({
      n_threads: 16,
      build_number: 1275,
      model_type: 'llama 7B mostly Q4_0',
      gpu_info: 'NVIDIA GeForce RTX 3090 Ti',
    });
  });

  it('json (2023 schema): the same fields a version earlier', () => {
    const [pp, tg] = summaries('llama-bench-json-rtx3090ti-2023.txt');
    expect(pp).toMatchObject({ prefill_tok_s: 2410.974041, runs: 5 });
    expect(pp?.samples_ms?.[0]).toBe(213.837238);
    expect(tg).toMatchObject({ decode_tok_s: 130.965708, tok_s_sd: 1.238924 });
  });

  it('json: samples_ns become samples_ms, runs is their count', () => {
    const [pp, tg] = summaries('llama-bench-json-rtx4080.txt');
    expect(pp).toMatchObject({ test: 'pp512', runs: 5, prefill_tok_s: 7100.002165 });
    expect(pp?.samples_ms).toEqual([74.6019, 71.6329, 71.7452, 71.9527, 70.7455]);
    expect(pp?.latency_ms).toMatchObject({ mean: 72.13564, min: 70.7455, max: 74.6019 });
    expect(tg).toMatchObject({ test: 'tg128', decode_tok_s: 118.881588, tok_s_sd: 1.041811 });
  });

  it('jsonl: one object a line', () => {
    const [pp, tg] = summaries('llama-bench-jsonl-rtx4080.txt');
    expect(pp).toMatchObject({ prefill_tok_s: 7263.609157, runs: 5 });
    expect(pp?.samples_ms?.[0]).toBe(71.551);
    expect(tg).toMatchObject({ decode_tok_s: 119.844681 });
  });

  it('finds each format from the text', () => {
    expect(detectLlamaBenchFormat(fixture('llama-bench-md-hexagon-android.txt'))).toBe('md');
    expect(detectLlamaBenchFormat(fixture('llama-bench-csv-rtx3090ti-2023.txt'))).toBe('csv');
    expect(detectLlamaBenchFormat(fixture('llama-bench-json-rtx4080.txt'))).toBe('json');
    expect(detectLlamaBenchFormat(fixture('llama-bench-jsonl-rtx4080.txt'))).toBe('jsonl');
  });

  it('ignores stderr lines around the JSON and fields it does not know', () => {
    const text = fixture('llama-bench-jsonl-rtx4080.txt').replace(
      '"n_prompt"',
      '"future": 1, "n_prompt"',
    );
    const result = parseLlamaBench(`[INFO] ggml_cuda_init: found 1 CUDA devices:\n${text}`);
    expect(result.ok).toBe(true);
    const json = parseLlamaBench(`[INFO] log line\n${fixture('llama-bench-json-rtx4080.txt')}`);
    expect(json.ok && json.value.events).toHaveLength(3);
  });
});

describe('llama-bench on malformed input', () => {
  const jsonl = fixture('llama-bench-jsonl-rtx4080.txt');
  it.each([
    ['empty', ''],
    [
      'a table with a bad t/s cell',
      '| model | test | t/s |\n| --- | --- | --- |\n| m | pp512 | fast |\n',
    ],
    ['a truncated JSON array', fixture('llama-bench-json-rtx4080.txt').slice(0, 400) + '\n]'],
    ['a broken JSONL line', jsonl.slice(0, 200)],
    ['a record without avg_ts', jsonl.replaceAll('"avg_ts"', '"avg"')],
    ['an unclosed CSV quote', 'build_commit,n_prompt,n_gen,avg_ts\n"abc,512,0,1.0\n'],
    // The 2025 README's CSV: its header gained a field in an edit, its rows did not.
    ["the README's ragged CSV", fixture('llama-bench-csv-readme-ragged.txt')],
    ['a header and no rows', '| model | test | t/s |\n| --- | --- | --- |\n'],
  ])('%s is a coded error, not a throw', (_, text) => {
    const result = parseLlamaBench(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid-frame');
  });
});
