import { runRequestSchema, type RunContext, type RunRequestInput } from '../../../shared/run';
import type { RunMetric, RunSummary } from '../../../shared/run-metrics';
import { summarise } from '../../../shared/run-statistics';
import type { SweepPoint, SweepPointStatus } from '../../../shared/sweep';
import { profileSchema } from '../../../shared/profile';
import type { RunRepo } from '../store/run-repo';
import type { SweepRepo } from '../store/sweep-repo';
import { testRun, testSummary } from '../store/testing-runs';

/** What a seeded finished run measured: counted TTFTs, peaks, and chunk times per repetition. */
export interface SeededMeasures {
  ttftMs: number[];
  peakMib: number;
  /** Per-token KL kept with its accuracy (none: no accuracy). */
  tokenKl?: number[];
  cosine?: number;
  chunks?: number;
}

/** A finished run's summary whose statistics are `summarise` of its kept values, as a run's are. */
export function measuredSummary(measures: SeededMeasures): RunSummary {
  const chunks = measures.chunks ?? 2;
  const reps = measures.ttftMs.length;
  // Chunk k of a repetition takes 10 + k ms and 1 + k/10 ms; the chunk metrics are each
  // repetition's median chunk, as a run keeps them.
  const values: Partial<Record<RunMetric, number[]>> = {
    ttftMs: measures.ttftMs,
    prefillTokS: measures.ttftMs.map((ms) => (512 * 1000) / ms),
    peakRssBytes: measures.ttftMs.map((_, k) => (measures.peakMib + k * 0.01) * 1024 * 1024),
    chunkComputeMs: measures.ttftMs.map(() => 10 + (chunks - 1) / 2),
    chunkStateMs: measures.ttftMs.map(() => 1 + (chunks - 1) / 20),
  };
  const chunkTimes = {
    computeMs: Array.from({ length: reps * chunks }, (_, k) => 10 + (k % chunks)),
    stateMs: Array.from({ length: reps * chunks }, (_, k) => 1 + (k % chunks) / 10),
  };
  const stats = Object.fromEntries(
    Object.entries(values).map(([metric, list]) => [metric, summarise(list)!]),
  );
  const kl = measures.tokenKl;
  const total = {
    tokens: kl?.length ?? 0,
    cosineMean: measures.cosine ?? 0.999,
    top1Agreement: 1,
    klMean: 0.01,
    klP95: 0.02,
  };
  const accuracy =
    kl === undefined
      ? null
      : { prompts: 1, total, cache: total, quantization: total, tokenKl: kl, task: null };
  return { ...testSummary(measures.ttftMs[0] ?? 1), stats, values, chunkTimes, chunks, accuracy };
}

/** The context a run on an (emulated) phone is saved with. */
export function testContext(deviceKey: string, emulated = true): RunContext {
  return {
    deviceKey,
    model: 'Pixel 8',
    abi: 'arm64-v8a',
    emulated,
    capturedAt: '2026-01-01T00:00:00.000Z',
    fingerprint: null,
    kernel: null,
    governor: null,
    cpuFreqKhz: [],
    thermal: 'none',
    batteryPercent: 80,
    batteryCelsius: 30,
    studioVersion: '0.1.0',
    runtime: { bundle: 'built', runner: null, runnerVersion: null, ort: null },
    ep: 'cpu',
    threads: 1,
    graphs: { key: 'k', prefill: 'p', decode: 'd' },
  };
}

/** Keeps a finished run of a sweep (or none) on `device` with the request `overrides`. */
export function seedFinishedRun(
  runs: RunRepo,
  run: { id: string; createdAt: number; sweepId?: string | null; device: string },
  overrides: Partial<RunRequestInput>,
  measures: SeededMeasures,
): void {
  runs.create({
    ...testRun(run.id, run.createdAt, { ...overrides, device: run.device }),
    sweepId: run.sweepId ?? null,
  });
  runs.setContext(run.id, testContext(run.device));
  runs.finish(run.id, 'finished', measuredSummary(measures), { endedAt: run.createdAt + 1 });
}

/** Keeps a finished sweep of these points (its profile's budgets given). */
export function seedSweep(sweeps: SweepRepo, id: string, points: SweepPoint[], budgets = {}): void {
  const profile = profileSchema.parse({ version: 1, name: 'ci', model: 'builtin:tiny', budgets });
  sweeps.create({ id, profile, createdAt: 1, concurrency: null, concurrencyNote: null, points });
  sweeps.setState(id, 'finished', { endedAt: 2 });
}

/** A point of sweep `sweepId` on `device`: the test run request with `overrides`. */
export function testPoint(
  sweepId: string,
  device: string,
  overrides: Partial<RunRequestInput>,
  status: SweepPointStatus,
  more: { reason?: string | null; runIds?: string[] } = {},
): SweepPoint {
  const request = runRequestSchema.parse({ ...testRun('x', 0, overrides).request, device });
  const pointKey = JSON.stringify([request.scenario, request.quant]);
  const base = { sweepId, pointKey, plannedDevice: device, deviceKey: device, request, status };
  const runIds = more.runIds ?? [];
  return { ...base, reason: more.reason ?? null, runIds, attempts: runIds.length };
}
