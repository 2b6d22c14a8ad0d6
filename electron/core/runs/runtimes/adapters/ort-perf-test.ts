import { fail, ok, type Result } from '../../../../../shared/result';
import { decimal, emptySummary, secondsToMs, type AdapterOutput } from './adapter-output';

const tool = 'onnxruntime_perf_test';
const number = String.raw`((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)`;

/**
 * The summary lines of `onnxruntime_perf_test` (onnxruntime/test/perftest/performance_runner.cc)
 * across versions: `key: value` up to 1.x (no space after the colon before 2020), `P50 Latency is
 * X sec` in 1.15-era builds, `Total iterations` / `Average time cost` in the oldest, and `Average
 * inference time cost total` in the newest.
 */
const patterns = {
  sessionS: new RegExp(String.raw`^Session creation time cost:\s*${number}\s*s\b`, 'm'),
  totalS: new RegExp(String.raw`^Total (?:inference )?time cost:\s*${number}`, 'm'),
  requests: new RegExp(
    String.raw`^(?:Total inference requests|Total iterations|Runs):\s*(\d+)`,
    'm',
  ),
  averageMs: new RegExp(
    String.raw`^Average (?:inference )?time cost(?: total)?:\s*${number}\s*ms`,
    'm',
  ),
  peakBytes: new RegExp(String.raw`^Peak working set size:\s*(\d+)`, 'm'),
  cpuPercent: new RegExp(String.raw`^Avg CPU usage:\s*(\d+)`, 'm'),
  firstMs: new RegExp(String.raw`^First inference time cost:\s*${number}\s*ms`, 'm'),
};
const latencyNames = ['Min', 'Max', 'P50', 'P90', 'P95', 'P99', 'P999'] as const;

function find(text: string, pattern: RegExp): number | null {
  return decimal(pattern.exec(text)?.[1]);
}

/** `P90 Latency: 0.02 s` or `P90 Latency is 0.02 sec`, in ms. */
function latency(text: string, name: (typeof latencyNames)[number]): number | null {
  const pattern = new RegExp(String.raw`^${name} Latency(?::| is)\s*${number}\s*s(?:ec)?\b`, 'm');
  const seconds = find(text, pattern);
  return seconds === null ? null : secondsToMs(seconds);
}

/** Mean per-request time: the printed average, else total time over requests. */
function meanMs(text: string, requests: number | null): number | null {
  const average = find(text, patterns.averageMs);
  if (average !== null) return average;
  const total = find(text, patterns.totalS);
  return total !== null && requests ? secondsToMs(total / requests) : null;
}

function config(text: string): Record<string, number> {
  const found: Record<string, number> = {};
  const cpu = find(text, patterns.cpuPercent);
  const first = find(text, patterns.firstMs);
  if (cpu !== null) found.avg_cpu_percent = cpu;
  if (first !== null) found.first_inference_ms = first;
  return found;
}

/**
 * Parses the text summary `onnxruntime_perf_test` prints (stdout; log lines around it are
 * ignored). Maps to: `load` (session creation, s → ms), one `summary` (requests, per-request
 * latency mean/min/max/percentiles s → ms, peak working set bytes → KiB), `done`. A run of an ONNX
 * graph is not a token, so no `first_token`, `token` or `chunk`. Pure.
 */
export function parseOrtPerfTest(text: string): Result<AdapterOutput> {
  const requests = find(text, patterns.requests);
  if (requests === 0) return fail('invalid-frame', `${tool}: zero inference requests`);
  const mean = meanMs(text, requests);
  if (mean === null) return fail('invalid-frame', `${tool}: no average or total inference time`);
  const sessionS = find(text, patterns.sessionS);
  const peak = find(text, patterns.peakBytes);
  const percentiles = Object.fromEntries(
    latencyNames.map((name) => [name.toLowerCase(), latency(text, name)]),
  ) as Record<Lowercase<(typeof latencyNames)[number]>, number | null>;
  const summary = {
    ...emptySummary(tool),
    runs: requests,
    latency_ms: { mean, ...percentiles },
    rss_peak_kb: peak === null ? null : Math.round(peak / 1024),
    config: config(text),
  };
  return ok({
    events: [
      ...(sessionS === null ? [] : [{ ev: 'load' as const, ms: secondsToMs(sessionS) }]),
      summary,
      { ev: 'done' },
    ],
    missing: [
      ...(sessionS === null ? ['load: this version prints no session creation time'] : []),
      ...(percentiles.p50 === null ? ['latency percentiles: this version prints none'] : []),
      ...(peak === null ? ['peak memory: not printed'] : []),
      'first_token, token, chunk: the tool times whole graph runs, not tokens',
      'mem over time: only the peak working set is printed',
    ],
  });
}
