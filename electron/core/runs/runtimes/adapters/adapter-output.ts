import type { RunnerEvent } from '../../../../../shared/runner-events';

/** A summary event, the one an adapter fills for what a tool reports only in aggregate. */
export type SummaryEvent = Extract<RunnerEvent, { ev: 'summary' }>;

/** What an adapter makes of one tool's output. */
export interface AdapterOutput {
  /** The contract's events, in the order edge-runner would print them, ending in `done`. */
  events: RunnerEvent[];
  /** What this output cannot give, one line each (the fields left null say it too). */
  missing: string[];
}

/** A summary with nothing known yet: every measure null, no config. */
export function emptySummary(tool: string): SummaryEvent {
  return {
    ev: 'summary',
    tool,
    test: null,
    runs: null,
    prompt_tokens: null,
    gen_tokens: null,
    tok_s: null,
    tok_s_sd: null,
    prefill_tok_s: null,
    decode_tok_s: null,
    latency_ms: null,
    samples_ms: null,
    rss_peak_kb: null,
    config: {},
  };
}

/**
 * Seconds to milliseconds, rounded to the nanosecond so that `0.0508382 s` is `50.8382 ms` and
 * not `50.838199999999994`.
 */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1e9) / 1e6;
}

/** A decimal number as the tools print it (`1.9918`, `7.2e-05`), or null. */
export function decimal(text: string | undefined): number | null {
  if (text === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  return Number(text);
}
