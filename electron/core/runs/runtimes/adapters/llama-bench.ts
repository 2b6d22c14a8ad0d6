import { parse as parseCsv } from 'csv-parse/sync';
import { fail, ok, type Result } from '../../../../../shared/result';
import { emptySummary, type AdapterOutput, type SummaryEvent } from './adapter-output';
import { markdownRow, recordRow, type BenchRow } from './llama-bench-rows';

const tool = 'llama-bench';

/** The output formats of `llama-bench -o` this adapter reads (sql is not one). */
export const llamaBenchFormats = ['md', 'csv', 'json', 'jsonl'] as const;
export type LlamaBenchFormat = (typeof llamaBenchFormats)[number];

/** The line that opens `-o json`'s array (a log line such as `[INFO] …` does not). */
const arrayStart = (line: string) => line === '[' || /^\[\s*\{/.test(line);

/** Which format a capture is in, by its first table, array, object or CSV header line. */
export function detectLlamaBenchFormat(text: string): LlamaBenchFormat | null {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => line.startsWith('|') && line.includes('t/s'))) return 'md';
  if (lines.some(arrayStart)) return 'json';
  if (lines.some((line) => line.startsWith('{'))) return 'jsonl';
  if (lines.some((line) => /^"?build_commit"?,/.test(line))) return 'csv';
  return null;
}

function all<T>(results: Result<T>[]): Result<T[]> {
  const failed = results.find((result) => !result.ok);
  if (failed && !failed.ok) return failed;
  return ok(results.flatMap((result) => (result.ok ? [result.value] : [])));
}

function parseJson(text: string, where: string): Result<unknown> {
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return fail('invalid-frame', `${tool}: ${where} is not JSON (${(error as Error).message})`);
  }
}

/** `-o json`: the array from its `[` line to its last `]` line (log lines around it ignored). */
function jsonRows(lines: string[]): Result<BenchRow[]> {
  const start = lines.findIndex((line) => arrayStart(line.trim()));
  const end = lines.findLastIndex((line) => line.trim().startsWith(']'));
  const array = parseJson(lines.slice(start, end + 1).join('\n'), 'the array');
  if (!array.ok) return array;
  if (!Array.isArray(array.value)) return fail('invalid-frame', `${tool}: not a JSON array`);
  return all(array.value.map((value, i) => recordRow(value, `result ${i}`)));
}

/** `-o jsonl`: one object per line starting with `{`. */
function jsonlRows(lines: string[]): Result<BenchRow[]> {
  const objects = lines.flatMap((line, i) => (line.trim().startsWith('{') ? [{ line, i }] : []));
  return all(
    objects.map(({ line, i }) => {
      const value = parseJson(line, `line ${i + 1}`);
      return value.ok ? recordRow(value.value, `line ${i + 1}`) : value;
    }),
  );
}

/** `-o csv`: the header line and the lines after it up to a blank one, through csv-parse. */
function csvRows(lines: string[]): Result<BenchRow[]> {
  const start = lines.findIndex((line) => /^"?build_commit"?,/.test(line.trim()));
  const rest = lines.slice(start);
  const end = rest.findIndex((line) => line.trim() === '');
  let records: Record<string, string>[];
  try {
    records = parseCsv(rest.slice(0, end < 0 ? undefined : end).join('\n'), { columns: true });
  } catch (error) {
    return fail('invalid-frame', `${tool}: malformed CSV (${(error as Error).message})`);
  }
  return all(records.map((record, i) => recordRow(record, `CSV row ${i + 1}`)));
}

function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** `-o md`: every table whose header has `test` and `t/s`; `build: <commit> (<number>)` after. */
function markdownRows(lines: string[]): Result<BenchRow[]> {
  const build = /^build: (\w+) \((\d+)\)/m.exec(lines.join('\n'))?.slice(1) ?? [];
  const rows: Result<BenchRow>[] = [];
  let header: string[] | null = null;
  for (const line of lines.map((text) => text.trim())) {
    if (!line.startsWith('|')) header = null;
    else if (line.includes('t/s') && line.includes('test')) header = cellsOf(line);
    else if (header && !/^\|[\s:|-]+\|$/.test(line)) {
      const cells = cellsOf(line);
      if (cells.length !== header.length) return fail('invalid-frame', `${tool}: ragged row`);
      rows.push(markdownRow(Object.fromEntries(header.map((name, i) => [name, cells[i]!])), build));
    }
  }
  return all(rows);
}

function rowsOf(format: LlamaBenchFormat, lines: string[]): Result<BenchRow[]> {
  if (format === 'md') return markdownRows(lines);
  if (format === 'csv') return csvRows(lines);
  return format === 'json' ? jsonRows(lines) : jsonlRows(lines);
}

/**
 * One row as a summary: avg_ts and stddev_ts are `tok_s` ± `tok_s_sd`; a pure pp test's rate is
 * also `prefill_tok_s`, a pure tg test's `decode_tok_s` (a pp+tg test is neither); avg_ns and
 * samples_ns (ns → ms) are the time of one repetition of the whole test.
 */
function summaryOf(row: BenchRow): SummaryEvent {
  const samples = row.samplesNs?.map((ns) => ns / 1e6) ?? null;
  const pure = (mine: number | null, other: number | null) =>
    mine && other === 0 ? row.avgTs : null;
  return {
    ...emptySummary(tool),
    test: row.test,
    runs: samples?.length ?? null,
    prompt_tokens: row.promptTokens,
    gen_tokens: row.genTokens,
    tok_s: row.avgTs,
    tok_s_sd: row.sdTs,
    prefill_tok_s: pure(row.promptTokens, row.genTokens),
    decode_tok_s: pure(row.genTokens, row.promptTokens),
    latency_ms: row.avgNs === null ? null : latencyOf(row.avgNs / 1e6, samples),
    samples_ms: samples,
    config: row.config,
  };
}

function latencyOf(mean: number, samples: number[] | null): SummaryEvent['latency_ms'] {
  const min = samples?.length ? Math.min(...samples) : null;
  const max = samples?.length ? Math.max(...samples) : null;
  return { mean, min, max, p50: null, p90: null, p95: null, p99: null, p999: null };
}

/**
 * Parses llama-bench output in any of its formats (found from the text unless given): one
 * `summary` per result row, then `done`. Unknown columns and fields are ignored. Pure.
 */
export function parseLlamaBench(text: string, format?: LlamaBenchFormat): Result<AdapterOutput> {
  const found = format ?? detectLlamaBenchFormat(text);
  if (!found) return fail('invalid-frame', `${tool}: no markdown table, JSON or CSV header`);
  const rows = rowsOf(found, text.split(/\r?\n/));
  if (!rows.ok) return rows;
  if (rows.value.length === 0) return fail('invalid-frame', `${tool}: no result rows`);
  return ok({
    events: [...rows.value.map(summaryOf), { ev: 'done' }],
    missing: [
      'load: llama-bench does not time model loading',
      'first_token: a pp test times prompt processing alone; there is no time to first token',
      'token, chunk: only per-test aggregates',
      'mem: not reported',
      ...(found === 'md' || found === 'csv' ? ['per-repetition times: only -o json/jsonl'] : []),
    ],
  });
}
