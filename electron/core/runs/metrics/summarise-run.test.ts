import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSampleSchema, type RunSample } from '../../../../shared/run';
import { runSummarySchema } from '../../../../shared/run-metrics';
import { summarise } from '../../../../shared/run-statistics';
import { expectConsistentSummary } from './testing-expect';
import { splitRepetitions } from './repetitions';
import { SampleLog } from './testing-samples';
import { summariseRun, type RunSummaryContext } from './summarise-run';

const MiB = 1024 * 1024;
const context: RunSummaryContext = {
  weightsBytes: 40 * MiB,
  kvCacheBytes: 6 * MiB,
  memoryStateBytes: 2 * MiB,
  promptTokens: 32,
  includeThrottled: false,
  warmup: 1,
  accuracy: null,
};
const memory = {
  vmRssKb: 60_000,
  vmHwmKb: 70_000,
  rssAnonKb: 20_000,
  rssFileKb: 40_000,
  pssKb: 50_000,
};
const thermal = (status: 'light' | 'severe') => ({ status, sensors: [], otherSensors: [] });

/** A warm-up, then three measured repetitions; the third has a throttled sample. Times × `k`. */
function threeReps(k = 1, warmup = true): SampleLog {
  const log = new SampleLog().runner(0, { ev: 'load', ms: 50 * k });
  const scale = (pairs: [number, number][]) =>
    pairs.map(([a, b]) => [a * k, b * k] as [number, number]);
  if (warmup)
    log.repetition(0, 100 * k, { chunks: scale([[40, 0]]), steps: [10 * k], warmup: true });
  log.repetition(0, 200 * k, {
    chunks: scale([
      [10, 2],
      [20, 3],
    ]),
    steps: [4 * k, 5 * k],
  });
  log.device(230 * k, { memory, thermal: thermal('light') });
  log.repetition(1, 300 * k, {
    chunks: scale([
      [8, 2],
      [20, 0],
    ]),
    steps: [5 * k, 5 * k],
  });
  log.repetition(2, 400 * k, {
    chunks: scale([
      [10, 0],
      [40, 0],
    ]),
    steps: [2 * k, 3 * k],
  });
  log.device(420 * k, { thermal: thermal('severe') }, true);
  return log.log(1, 'malformed', 'garbage').log(2, 'malformed', '{"ev":').log(3, 'stderr', 'warn');
}

describe('summariseRun', () => {
  it('summarises repetitions worked out by hand', () => {
    const summary = summariseRun(threeReps().samples, context);
    expect(summary.repetitions).toEqual({ measured: 3, warmup: 1, excludedThrottled: 1 });
    // Counted: rep 0 (TTFT 35, 2 steps in 9 ms) and rep 1 (TTFT 30, 2 steps in 10 ms).
    expect(summary.stats.ttftMs).toMatchObject({ n: 2, median: 32.5, mean: 32.5 });
    expect(summary.values!.ttftMs).toEqual([35, 30]);
    // One value a repetition: its median chunk (rep 0: 10, 20 and 2, 3; rep 1: 8, 20 and 2, 0).
    expect(summary.values!.chunkComputeMs).toEqual([15, 14]);
    expect(summary.values!.chunkStateMs).toEqual([2.5, 1]);
    expect(summary.chunkTimes).toEqual({ computeMs: [10, 20, 8, 20], stateMs: [2, 3, 2, 0] });
    expect(summary.stats.prefillTokS!.median).toBeCloseTo((32_000 / 35 + 32_000 / 30) / 2, 9);
    expect(summary.stats.decodeTokS!.median).toBeCloseTo((2000 / 9 + 2000 / 10) / 2, 9);
    expect(summary.stats.chunkComputeMs).toMatchObject({ n: 2, median: 14.5, mean: 14.5 });
    expect(summary.stats.chunkStateMs).toMatchObject({ n: 2, median: 1.75 });
    // Only rep 0's window (200..244) holds a memory sample.
    expect(summary.stats.peakRssBytes).toMatchObject({ n: 1, median: 60_000 * 1024 });
    expect(summary.coldTtftMs).toBe(40);
    expect(summary.warmTtftMs).toBe(32.5);
    expect(summary).toMatchObject({ loadMs: 50, promptTokens: 32, chunks: 2, decodeTokens: 2 });
    expect(summary.thermal).toEqual({
      samples: 2,
      throttledSamples: 1,
      worstStatus: 'severe',
      includeThrottled: false,
    });
    expect(summary.malformedLines).toBe(2);
    expect(summary.pssPeakBytes).toBe(50_000 * 1024);
    expect(summary.memory).toMatchObject({
      peakBytes: 70_000 * 1024,
      runtimeBytes: 70_000 * 1024 - 48 * MiB,
    });
    expect(summary.energy).toBeNull();
    expect(runSummarySchema.parse(summary)).toEqual(summary);
  });

  it('counts the throttled repetition when asked, and says so', () => {
    const summary = summariseRun(threeReps().samples, { ...context, includeThrottled: true });
    expect(summary.repetitions).toEqual({ measured: 3, warmup: 1, excludedThrottled: 0 });
    expect(summary.stats.ttftMs).toMatchObject({ n: 3, median: 35 });
    expect(summary.warmTtftMs).toBe(35);
    expect(summary.thermal.includeThrottled).toBe(true);
  });

  it('takes cold from the first measured repetition when the runner marks no warm-up', () => {
    const summary = summariseRun(threeReps(1, false).samples, { ...context, warmup: 2 });
    expect(summary.repetitions.warmup).toBe(2);
    expect(summary.coldTtftMs).toBe(35);
    expect(summary.warmTtftMs).toBe(30);
  });

  it('scales: times × 3 give TTFT × 3 and throughput ÷ 3', () => {
    const base = summariseRun(threeReps().samples, context);
    const slow = summariseRun(threeReps(3).samples, context);
    expect(slow.stats.ttftMs!.median).toBeCloseTo(3 * base.stats.ttftMs!.median, 9);
    expect(slow.stats.ttftMs!.ciHigh).toBeCloseTo(3 * base.stats.ttftMs!.ciHigh, 9);
    expect(slow.stats.prefillTokS!.median).toBeCloseTo(base.stats.prefillTokS!.median / 3, 9);
    expect(slow.stats.decodeTokS!.median).toBeCloseTo(base.stats.decodeTokS!.median / 3, 9);
    expect(slow.loadMs).toBe(3 * base.loadMs!);
  });

  it('bootstraps the chunk metrics over repetitions, not over their dependent chunks', () => {
    // Six repetitions at 10…15 ms a chunk, each of 16 chunks a ms either side of its level.
    const log = new SampleLog();
    for (let rep = 0; rep < 6; rep++) {
      const ms = 10 + rep;
      const chunks = Array.from({ length: 16 }, (_, i): [number, number] => [
        ms + (i % 2) * 2 - 1,
        1,
      ]);
      log.repetition(rep, 1000 * (rep + 1), { chunks, steps: [1] });
    }
    const summary = summariseRun(log.samples, { ...context, warmup: 0 });
    expect(summary.values!.chunkComputeMs).toEqual([10, 11, 12, 13, 14, 15]);
    const compute = summary.stats.chunkComputeMs!;
    expect(compute).toEqual(summarise(summary.values!.chunkComputeMs!));
    expect(compute).toMatchObject({ n: 6, median: 12.5 });
    // The 96 chunks taken as independent would claim a far narrower interval.
    const overChunks = summarise(summary.chunkTimes!.computeMs)!;
    expect(overChunks.n).toBe(96);
    expect(compute.ciHigh - compute.ciLow).toBeGreaterThan(
      2 * (overChunks.ciHigh - overChunks.ciLow),
    );
  });

  it('has no statistics for a run with no finished repetition', () => {
    const log = new SampleLog().runner(0, { ev: 'load', ms: 5 });
    const summary = summariseRun(log.samples, context);
    expect(summary.stats).toEqual({});
    expect(summary.values).toEqual({});
    expect(summary.chunkTimes).toEqual({ computeMs: [], stateMs: [] });
    expect(summary).toMatchObject({ coldTtftMs: null, warmTtftMs: null, chunks: 0, memory: null });
    expect(runSummarySchema.parse(summary)).toEqual(summary);
  });
});

describe('summariseRun on a captured edge-runner stream', () => {
  // Captured with captureDemoRun (testing-capture.ts): the x86-64 edge-runner on the demo model,
  // 1 warm-up + 4 repetitions of a 51-token prompt, /proc read from outside every 3 ms.
  // Parsed with the schema for validity, but kept raw: a schema without the newer optional
  // fields (`warmup`, `weights_bytes`) would strip them, and the metrics read them defensively.
  const samples = readFileSync(join(import.meta.dirname, 'fixtures/demo-run.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RunSample);
  it('is a stream of valid samples', () => {
    for (const sample of samples) expect(runSampleSchema.safeParse(sample).success).toBe(true);
  });
  const demo = { ...context, promptTokens: 51, warmup: 0, weightsBytes: 1 };

  it('agrees with the events it was built from', () => {
    expectConsistentSummary(samples, summariseRun(samples, demo), {
      repetitions: 4,
      warmup: 1,
      chunk: 16,
    });
  });

  it('leaves out the repetition an outside sample flags as throttled', () => {
    const summary = summariseRun(samples, demo);
    const third = splitRepetitions(samples, false).measured[2]!;
    const inside = (t: number) => t >= third.startMs && t <= third.endMs!;
    const flagged = samples.map((s) =>
      s.kind === 'device' && inside(s.t) ? { ...s, throttled: true } : s,
    );
    expect(flagged.some((s) => s.kind === 'device' && s.throttled)).toBe(true);
    const throttled = summariseRun(flagged, demo);
    expect(throttled.repetitions.excludedThrottled).toBe(1);
    expect(throttled.stats.ttftMs!.n).toBe(summary.stats.ttftMs!.n - 1);
    expect(throttled.thermal.throttledSamples).toBeGreaterThan(0);
  });
});
