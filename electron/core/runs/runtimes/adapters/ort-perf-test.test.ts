import { describe, expect, it } from 'vitest';
import { runnerEventSchema } from '../../../../../shared/runner-events';
import { parseOrtPerfTest } from './ort-perf-test';
import { fixture } from './fixtures/read-fixture';

function parsed(name: string) {
  const result = parseOrtPerfTest(fixture(name));
  if (!result.ok) throw new Error(result.error.message);
  for (const event of result.value.events) runnerEventSchema.parse(event);
  return result.value;
}

function summaryOf(name: string) {
  const summary = parsed(name).events.find((event) => event.ev === 'summary');
  if (summary?.ev !== 'summary') throw new Error('no summary');
  return summary;
}

describe('onnxruntime_perf_test on real captures (fixtures/SOURCES.md)', () => {
  it('Pixel 6: session creation, 100 requests, percentiles in ms, peak working set in KiB', () => {
    const output = parsed('ort-pixel6-lutnn.txt');
    expect(output.events[0]).toEqual({ ev: 'load', ms: 50.8382 });
    expect(output.events.at(-1)).toEqual({ ev: 'done' });
    const summary = summaryOf('ort-pixel6-lutnn.txt');
    expect(summary.runs).toBe(100);
    expect(summary.latency_ms).toEqual({
      mean: 19.918,
      min: 19.7812,
      max: 20.2704,
      p50: 19.9047,
      p90: 20.0251,
      p95: 20.1534,
      p99: 20.2704,
      p999: 20.2704,
    });
    // 109531136 bytes, the README's "104.46MB".
    expect(summary.rss_peak_kb).toBe(106964);
    expect(summary.config).toEqual({ avg_cpu_percent: 12 });
    expect(output.events.some((event) => event.ev === 'first_token')).toBe(false);
  });

  it('ACL EP on an Arm device (ORT 1.3.1): no percentiles yet, and it says so', () => {
    const output = parsed('ort-acl-sdcard.txt');
    expect(output.events[0]).toEqual({ ev: 'load', ms: 127.918 });
    const summary = summaryOf('ort-acl-sdcard.txt');
    expect(summary.runs).toBe(10);
    expect(summary.latency_ms?.mean).toBe(144.871);
    expect(summary.latency_ms?.p50).toBeNull();
    expect(summary.rss_peak_kb).toBe(154464);
    expect(output.missing).toContain('latency percentiles: this version prints none');
  });

  it('the January 2020 build prints no space after the colon and no peak memory', () => {
    const output = parsed('ort-windows-trt7.txt');
    expect(output.events[0]).toEqual({ ev: 'load', ms: 1841.49 });
    const summary = summaryOf('ort-windows-trt7.txt');
    expect(summary.runs).toBe(1);
    expect(summary.latency_ms?.mean).toBe(734.606);
    expect(summary.rss_peak_kb).toBeNull();
  });

  it('reads "P90 Latency is X sec" and "Total iterations", and has no load without a session line', () => {
    const output = parsed('ort-tensorrt-latency-is.txt');
    expect(output.events.map((event) => event.ev)).toEqual(['summary', 'done']);
    expect(summaryOf('ort-tensorrt-latency-is.txt').latency_ms).toEqual({
      mean: 58.8053,
      min: 55.9777,
      max: 62.3472,
      p50: 58.7108,
      p90: 59.9845,
      p95: 60.5676,
      p99: 61.9517,
      p999: 62.3472,
    });
    expect(output.missing).toContain('load: this version prints no session creation time');
  });
  it('SpacemiT K1 (RISC-V), 2026 build: "Average inference time cost total", first inference', () => {
    const output = parsed('ort-spacemit-k1-2026.txt');
    expect(output.events[0]).toEqual({ ev: 'load', ms: 169.475 });
    const summary = summaryOf('ort-spacemit-k1-2026.txt');
    expect(summary.runs).toBe(10);
    expect(summary.latency_ms).toMatchObject({
      mean: 7.270205,
      min: 7.20383,
      p50: 7.27787,
      p999: 7.30163,
    });
    expect(summary.rss_peak_kb).toBe(89196);
    expect(summary.config).toEqual({ avg_cpu_percent: 62, first_inference_ms: 109 });
  });
});

describe('onnxruntime_perf_test on malformed input', () => {
  it.each([
    ['', 'no average'],
    ['Session creation time cost: 0.1 s\n', 'no average'],
    ['Total inference time cost: 1 s\nTotal inference requests: 0\n', 'zero'],
  ])('%j is a coded error, not a throw', (text, message) => {
    const result = parseOrtPerfTest(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-frame');
      expect(result.error.message).toContain(message);
    }
  });

  it('takes no negative time (the tool prints none) as a value', () => {
    const result = parseOrtPerfTest('Average inference time cost: 2 ms\nMin Latency: -0.5 s\n');
    expect(result.ok && result.value.events[0]).toMatchObject({ latency_ms: { min: null } });
  });

  it('derives the mean from total time and requests when no average line is printed', () => {
    const result = parseOrtPerfTest(
      'Total inference time cost: 2 s\nTotal inference requests: 4\n',
    );
    expect(result.ok && result.value.events[0]).toMatchObject({ latency_ms: { mean: 500 } });
  });
});
