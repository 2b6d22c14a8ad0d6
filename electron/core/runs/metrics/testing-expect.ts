import { median } from 'simple-statistics';
import { expect } from 'vitest';
import type { RunSample } from '../../../../shared/run';
import { runSummarySchema, type RunSummary } from '../../../../shared/run-metrics';
import type { RunnerEvent } from '../../../../shared/runner-events';

type Marked = RunnerEvent & { warmup?: boolean };

/**
 * Checks a summary of a real runner stream against its raw events, read here without the
 * metrics code: counts, TTFT median, cold TTFT, chunk times, load, the runner's weights and
 * the peak.
 */
export function expectConsistentSummary(
  samples: readonly RunSample[],
  summary: RunSummary,
  run: { repetitions: number; warmup: number; chunk: number },
): void {
  expect(runSummarySchema.parse(summary)).toEqual(summary);
  const events = samples.flatMap((s) => (s.kind === 'runner' ? [s.event as Marked] : []));
  const of = <E extends RunnerEvent['ev']>(ev: E, warmup = false) =>
    events.filter(
      (e): e is Extract<Marked, { ev: E }> => e.ev === ev && (e.warmup === true) === warmup,
    );
  expect(summary.repetitions).toEqual({
    measured: run.repetitions,
    warmup: run.warmup,
    excludedThrottled: 0,
  });
  const ttfts = of('first_token').map((e) => e.ttft_ms);
  expect(summary.stats.ttftMs).toMatchObject({ n: run.repetitions, median: median(ttfts) });
  expect(summary.stats.prefillTokS!.median).toBeCloseTo(
    median(ttfts.map((ms) => (summary.promptTokens * 1000) / ms)),
    6,
  );
  expect(summary.coldTtftMs).toBe(of('first_token', true)[0]?.ttft_ms ?? ttfts[0]);
  expect(summary.chunks * run.chunk).toBeGreaterThanOrEqual(summary.promptTokens);
  expect(summary.chunks).toBe(of('chunk').filter((e) => e.rep === 0).length);
  expect(summary.stats.chunkComputeMs!.n).toBe(run.repetitions);
  const firstChunks = of('chunk').filter((e) => e.rep === 0);
  expect(summary.values!.chunkComputeMs![0]).toBe(median(firstChunks.map((e) => e.compute_ms)));
  expect(summary.chunkTimes!.computeMs).toEqual(of('chunk').map((e) => e.compute_ms));
  expect(summary.decodeTokens).toBe(of('token').filter((e) => e.rep === 0).length);
  const load = of('load')[0] as { ms: number; weights_bytes?: number };
  expect(summary.loadMs).toBe(load.ms);
  expect(summary.memory!.weightsSource).toBe('runner');
  expect(summary.memory!.weightsBytes).toBe(load.weights_bytes);
  const hwms = samples.flatMap((s) =>
    s.kind === 'device'
      ? [s.sample.memory?.vmHwmKb ?? 0]
      : s.kind === 'runner' && s.event.ev === 'mem'
        ? [s.event.hwm_kb]
        : [],
  );
  expect(summary.memory!.peakBytes).toBe(Math.max(...hwms) * 1024);
  expect(summary.memory!.peakBytes).toBeGreaterThanOrEqual(summary.memory!.weightsBytes);
  expect(summary.thermal.samples).toBe(samples.filter((s) => s.kind === 'device').length);
  expect(summary.energy).toBeNull();
}
