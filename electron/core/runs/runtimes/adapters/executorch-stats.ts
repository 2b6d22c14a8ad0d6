import { z } from 'zod';
import { fail, ok, type Result } from '../../../../../shared/result';
import type { RunnerEvent } from '../../../../../shared/runner-events';
import {
  decimal,
  emptySummary,
  secondsToMs,
  type AdapterOutput,
  type SummaryEvent,
} from './adapter-output';

const tool = 'executorch-llama';
const tick = z.number().min(0);

/** The `PyTorchObserver {…}` line of extension/llm/runner/stats.h (times in its own units). */
const observerSchema = z.object({
  prompt_tokens: z.number().int().min(0),
  generated_tokens: z.number().int().min(0),
  model_load_start_ms: tick,
  model_load_end_ms: tick,
  inference_start_ms: tick,
  inference_end_ms: tick,
  prompt_eval_end_ms: tick,
  first_token_ms: tick,
  aggregate_sampling_time_ms: tick.optional(),
  SCALING_FACTOR_UNITS_PER_SECOND: z.number().positive().default(1000),
});

/** One generation's numbers, in ms; load is null when the runner did not time it (0 and 0). */
interface Stats {
  promptTokens: number;
  genTokens: number;
  loadMs: number | null;
  ttftMs: number;
  prefillMs: number;
  decodeMs: number;
  totalMs: number;
  samplingMs: number | null;
}

function ascending(...times: number[]): boolean {
  return times.every((time, i) => i === 0 || time >= times[i - 1]!);
}

function observerStats(json: string, where: string): Result<Stats> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail('invalid-frame', `${tool}: ${where} is not JSON`);
  }
  const parsed = observerSchema.safeParse(value);
  if (!parsed.success) {
    return fail('invalid-frame', `${tool}: ${where}: ${parsed.error.issues[0]?.path.join('.')}`);
  }
  const o = parsed.data;
  const ms = (from: number, to: number) => ((to - from) * 1000) / o.SCALING_FACTOR_UNITS_PER_SECOND;
  const [start, end] = [o.inference_start_ms, o.inference_end_ms];
  if (!ascending(start, o.first_token_ms, end) || !ascending(start, o.prompt_eval_end_ms, end)) {
    return fail('invalid-frame', `${tool}: ${where}: timestamps out of order`);
  }
  const loaded = o.model_load_end_ms > 0 && o.model_load_end_ms >= o.model_load_start_ms;
  return ok({
    promptTokens: o.prompt_tokens,
    genTokens: o.generated_tokens,
    loadMs: loaded ? ms(o.model_load_start_ms, o.model_load_end_ms) : null,
    ttftMs: ms(o.inference_start_ms, o.first_token_ms),
    prefillMs: ms(o.inference_start_ms, o.prompt_eval_end_ms),
    decodeMs: ms(o.prompt_eval_end_ms, o.inference_end_ms),
    totalMs: ms(o.inference_start_ms, o.inference_end_ms),
    samplingMs:
      o.aggregate_sampling_time_ms === undefined ? null : ms(0, o.aggregate_sampling_time_ms),
  });
}

/** `Label: 0.123000 (seconds)` of the human-readable stats lines, in ms. */
function secondsAfter(text: string, label: string): number | null {
  const seconds = decimal(new RegExp(`${label}:\\s*([\\d.]+)\\s*\\(seconds\\)`).exec(text)?.[1]);
  return seconds === null ? null : secondsToMs(seconds);
}

/** The human-readable stats lines (printed with or without the observer line), ms precision. */
function linesStats(text: string): Result<Stats> {
  const tokens = /Prompt Tokens:\s*(\d+)\s+Generated Tokens:\s*(\d+)/.exec(text);
  const ttft = secondsAfter(text, 'Time to first generated token');
  const prefill = secondsAfter(text, 'Prompt evaluation');
  const decode = secondsAfter(text, 'Generated \\d+ tokens');
  const total = secondsAfter(text, 'Total inference time');
  if (!tokens || ttft === null || prefill === null || decode === null || total === null) {
    return fail('invalid-frame', `${tool}: no PyTorchObserver line and no complete stats lines`);
  }
  const load = secondsAfter(text, 'Model Load Time');
  return ok({
    promptTokens: Number(tokens[1]),
    genTokens: Number(tokens[2]),
    loadMs: load ? load : null,
    ttftMs: ttft,
    prefillMs: prefill,
    decodeMs: decode,
    totalMs: total,
    samplingMs: secondsAfter(text, 'Sampling time over \\d+ tokens'),
  });
}

function all(text: string): Result<Stats[]> {
  const lines = [...text.matchAll(/PyTorchObserver (\{.*\})/g)].map((match) => match[1]!);
  if (lines.length === 0) {
    const stats = linesStats(text);
    return stats.ok ? ok([stats.value]) : stats;
  }
  const stats: Stats[] = [];
  for (const [i, line] of lines.entries()) {
    const one = observerStats(line, `PyTorchObserver line ${i + 1}`);
    if (!one.ok) return one;
    stats.push(one.value);
  }
  return ok(stats);
}

/** The largest `RSS after …: X MiB` the runner logged, in KiB; null if none or all 0. */
function rssPeakKb(text: string): number | null {
  const mib = [...text.matchAll(/RSS after [^:\n]*:\s*([\d.]+)\s*MiB/g)].map((m) => Number(m[1]));
  const peak = Math.max(0, ...mib);
  return peak > 0 ? Math.round(peak * 1024) : null;
}

const rate = (tokens: number, ms: number) => (ms > 0 ? (tokens * 1000) / ms : null);

/**
 * One generation as events. ttft = first_token − inference_start; prefill t/s = prompt tokens
 * over prompt_eval_end − inference_start; decode t/s = generated tokens over inference_end −
 * prompt_eval_end; tok_s = generated tokens over the whole inference: the runner's own
 * definitions (stats.h), so its "Rate" lines agree.
 */
function repEvents(stats: Stats, rep: number, rss: number | null): RunnerEvent[] {
  const summary: SummaryEvent = {
    ...emptySummary(tool),
    runs: 1,
    prompt_tokens: stats.promptTokens,
    gen_tokens: stats.genTokens,
    tok_s: rate(stats.genTokens, stats.totalMs),
    prefill_tok_s: rate(stats.promptTokens, stats.prefillMs),
    decode_tok_s: rate(stats.genTokens, stats.decodeMs),
    latency_ms: {
      mean: stats.totalMs,
      min: null,
      max: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      p999: null,
    },
    rss_peak_kb: rss,
    config: stats.samplingMs === null ? {} : { sampling_ms: stats.samplingMs },
  };
  return [{ ev: 'first_token', rep, ttft_ms: stats.ttftMs }, summary];
}

function missing(stats: Stats[], rss: number | null): string[] {
  return [
    ...(stats[0]?.loadMs === null ? ['load: the runner did not time model loading'] : []),
    'token: only the whole generation is timed, not each token',
    'chunk: prefill is one aggregate; its compute / state split is not reported',
    rss === null
      ? 'mem: not reported'
      : 'mem: only "RSS after …" lines, no high-water mark (their largest is rss_peak_kb)',
  ];
}

/**
 * Parses the statistics ExecuTorch's llama runner prints after a generation: each
 * `PyTorchObserver {…}` line (ticks scaled by SCALING_FACTOR_UNITS_PER_SECOND to ms) is one
 * repetition; without one, the human-readable "Prompt Tokens … Time to first generated token"
 * lines (seconds → ms). Maps to `load` (model_load_end − model_load_start, once), per repetition
 * `first_token` and a `summary`, then `done`. Unknown fields and log lines are ignored. Pure.
 */
export function parseExecutorchStats(text: string): Result<AdapterOutput> {
  const stats = all(text);
  if (!stats.ok) return stats;
  const rss = rssPeakKb(text);
  const load = stats.value.find((one) => one.loadMs !== null)?.loadMs;
  return ok({
    events: [
      ...(load === undefined || load === null ? [] : [{ ev: 'load' as const, ms: load }]),
      ...stats.value.flatMap((one, rep) => repEvents(one, rep, rss)),
      { ev: 'done' },
    ],
    missing: missing(stats.value, rss),
  });
}
