import { z } from 'zod';
import { fail, ok, type Result } from '../../../../../shared/result';
import { decimal } from './adapter-output';

/** One result of llama-bench, whatever format it came in. */
export interface BenchRow {
  /** The tool's name of the test (`pp512`, `tg128`, `pp512+tg128 @ d512`, old `pp 512`). */
  test: string;
  promptTokens: number | null;
  genTokens: number | null;
  avgTs: number;
  sdTs: number | null;
  /** Mean time of one repetition, and each repetition's time (json/jsonl only), in ns. */
  avgNs: number | null;
  samplesNs: number[] | null;
  config: Record<string, string | number | boolean>;
}

const count = z.coerce.number().int().min(0);
const nonNegative = z.coerce.number().min(0);

/** The fields a json/jsonl/csv record must have; every other field is ignored or copied. */
const recordSchema = z.object({
  n_prompt: count,
  n_gen: count,
  n_depth: count.optional(),
  avg_ts: nonNegative,
  stddev_ts: nonNegative.optional(),
  avg_ns: nonNegative.optional(),
  samples_ns: z.array(nonNegative).optional(),
});

/** Setup fields copied into the summary's config; those in `numeric` become numbers in any format. */
const configKeys = [
  'model_type',
  'model_filename',
  'model_size',
  'model_n_params',
  'backends',
  'cpu_info',
  'gpu_info',
  'n_threads',
  'n_gpu_layers',
  'n_batch',
  'n_ubatch',
  'n_depth',
  'build_commit',
  'build_number',
  'test_time',
] as const;
const numeric = new Set<string>([
  'model_size',
  'model_n_params',
  'n_threads',
  'n_gpu_layers',
  'n_batch',
  'n_ubatch',
  'n_depth',
  'build_number',
]);

function copyConfig(record: Record<string, unknown>): BenchRow['config'] {
  const config: BenchRow['config'] = {};
  for (const key of configKeys) {
    const value = record[key];
    if (typeof value === 'number') config[key] = value;
    else if (typeof value === 'string')
      config[key] = numeric.has(key) ? (decimal(value) ?? value) : value;
  }
  return config;
}

/** llama-bench's own test name for a record: `pp512`, `tg128`, `pp512+tg128`, then ` @ d512`. */
function testName(prompt: number, gen: number, depth: number): string {
  const parts = [prompt > 0 ? `pp${prompt}` : '', gen > 0 ? `tg${gen}` : ''].filter(Boolean);
  return parts.join('+') + (depth > 0 ? ` @ d${depth}` : '');
}

/** A parsed json/jsonl/csv record as a row, or why it is not one. */
export function recordRow(value: unknown, where: string): Result<BenchRow> {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      'invalid-frame',
      `llama-bench: ${where}: ${issue?.path.join('.')} ${issue?.message}`,
    );
  }
  const record = parsed.data;
  return ok({
    test: testName(record.n_prompt, record.n_gen, record.n_depth ?? 0),
    promptTokens: record.n_prompt,
    genTokens: record.n_gen,
    avgTs: record.avg_ts,
    sdTs: record.stddev_ts ?? null,
    avgNs: record.avg_ns ?? null,
    samplesNs: record.samples_ns ?? null,
    config: copyConfig(value as Record<string, unknown>),
  });
}

/** Markdown column → config key (the json field of the same thing). */
const columnKeys: Record<string, string> = {
  model: 'model_type',
  size: 'model_size',
  params: 'model_n_params',
  backend: 'backends',
  threads: 'n_threads',
  ngl: 'n_gpu_layers',
  n_batch: 'n_batch',
  n_ubatch: 'n_ubatch',
};

/** `pp512`, `tg128`, `pp4096+tg128`, `pp512 @ d512`, and the 2023 `pp 512` / `tg 128`. */
function tokensOf(test: string): { prompt: number | null; gen: number | null } {
  const match = /^(?:pp\s*(\d+))?\+?(?:tg\s*(\d+))?(?:\s*@\s*d\d+)?$/.exec(test);
  if (!match || (!match[1] && !match[2])) return { prompt: null, gen: null };
  return { prompt: Number(match[1] ?? 0), gen: Number(match[2] ?? 0) };
}

/** One markdown row (cells by header name) as a row, or why not. */
export function markdownRow(cells: Record<string, string>, build: string[]): Result<BenchRow> {
  const rate = /^([\d.]+)(?:\s*±\s*([\d.]+))?$/.exec(cells['t/s'] ?? '');
  const avg = decimal(rate?.[1]);
  if (!rate || avg === null) return fail('invalid-frame', `llama-bench: t/s "${cells['t/s']}"`);
  const test = cells.test ?? '';
  const tokens = tokensOf(test);
  const config: BenchRow['config'] = {};
  for (const [column, key] of Object.entries(columnKeys)) {
    const text = cells[column];
    if (text !== undefined) config[key] = decimal(text) ?? text;
  }
  if (build[0]) config.build_commit = build[0];
  if (build[1]) config.build_number = Number(build[1]);
  return ok({
    test,
    promptTokens: tokens.prompt,
    genTokens: tokens.gen,
    avgTs: avg,
    sdTs: decimal(rate[2]),
    avgNs: null,
    samplesNs: null,
    config,
  });
}
