import type { CompareResult } from '../../../shared/compare';
import { profileSchema } from '../../../shared/profile';
import { runRequestSchema, type RunContext, type RunRecord } from '../../../shared/run';
import {
  countPerPhone,
  countPoints,
  type SweepDetails,
  type SweepPoint,
} from '../../../shared/sweep';
import { compareResult, configuration } from '../../../renderer/charts/compare-testing';
import { testRun, testSummary } from '../store/testing-runs';
import type { SweepReportData } from './report-document';

/**
 * A sweep's report data for the report tests, shaped as the store and `compare:query` answer:
 * two phones (one emulated), three measured configurations on each, one failed and one
 * infeasible point.
 */

const phones = ['local/emulator-5554', 'local/R58M123'] as const;

function context(deviceKey: string, emulated: boolean): RunContext {
  return {
    deviceKey,
    model: emulated ? 'Emulated Pixel' : 'SM-G991B',
    abi: 'arm64-v8a',
    emulated,
    capturedAt: '2026-12-01T10:00:00Z',
    fingerprint: emulated ? 'edge/emulated/1' : 'samsung/o1sxeea/o1s:14/UP1A',
    kernel: '6.1.25',
    governor: 'schedutil',
    cpuFreqKhz: [1_800_000],
    thermal: 'none',
    batteryPercent: 81,
    batteryCelsius: 30.5,
    studioVersion: '0.1.0',
    runtime: {
      bundle: 'ort-1.30-arm64',
      runner: 'edge-runner',
      runnerVersion: '0.3.0',
      ort: '1.30.0',
    },
    ep: 'cpu',
    threads: 4,
    graphs: { key: 'k', prefill: 'p', decode: 'd' },
  };
}

function run(id: string, deviceKey: string, k: number, state: RunRecord['state']): RunRecord {
  const created = testRun(id, 1_764_000_000_000 + k * 1000, { device: deviceKey });
  return {
    ...created,
    state,
    endedAt: created.createdAt + 900,
    error: state === 'failed' ? { code: 'command-failed', message: 'runner exited 134' } : null,
    context: context(deviceKey, deviceKey === phones[0]),
    summary: state === 'finished' ? testSummary(100 + k * 10) : null,
    samples: 10,
    sweepId: 'sweep-1',
  };
}

function point(
  k: number,
  deviceKey: string,
  status: SweepPoint['status'],
  reason: string | null,
): SweepPoint {
  const request = runRequestSchema.parse({
    model: 'builtin:tiny',
    scenario: { chunk: 64, sink: 4, window: 128 * (k + 1), memory: 'on' },
    device: deviceKey,
    quant: 'int8-channel',
  });
  const runIds = status === 'infeasible' ? [] : [`run-${deviceKey.slice(-4)}-${k}`];
  return {
    sweepId: 'sweep-1',
    pointKey: `p${k}`,
    plannedDevice: deviceKey,
    deviceKey,
    request,
    status,
    reason,
    runIds,
    attempts: runIds.length,
  };
}

/** The compare result of the fixture: per phone, three measured, one failed, one infeasible. */
export function testCompare(): CompareResult {
  const configurations = phones.flatMap((deviceKey, p) => [
    ...[256, 512, 1024].map((window, k) =>
      configuration({
        deviceKey,
        emulated: p === 0,
        scenario: { window },
        ttftMs: 100 + k * 30 + p * 50,
        peakMib: 300 - k * 40,
        pareto: true,
        throttledSamples: k === 2 ? 3 : 0,
        overBudget: k === 0 ? ['peak 300 MiB > 280 MiB'] : [],
      }),
    ),
    configuration({
      deviceKey,
      emulated: p === 0,
      scenario: { window: 2048 },
      status: 'failed',
      reason: 'runner exited 134',
    }),
    configuration({
      deviceKey,
      emulated: p === 0,
      scenario: { window: 4096 },
      status: 'infeasible',
      reason: 'needs 3.1 GiB, half the RAM is 2 GiB',
    }),
  ]);
  const result = compareResult(configurations);
  result.phones = result.phones.map((phone) => ({
    ...phone,
    emulated: phone.deviceKey === phones[0],
  }));
  result.budgets = { maxPeakMemoryMb: 280 };
  return result;
}

/** The report data of the fixture sweep. */
export function testReportData(): SweepReportData {
  const points = phones.flatMap((deviceKey) => [
    point(0, deviceKey, 'finished', null),
    point(1, deviceKey, 'finished', null),
    point(2, deviceKey, 'finished', null),
    point(3, deviceKey, 'failed', 'runner exited 134'),
    point(4, deviceKey, 'infeasible', 'needs 3.1 GiB, half the RAM is 2 GiB'),
  ]);
  const runs = points.flatMap((each, k) =>
    each.runIds.map((id) =>
      run(id, each.deviceKey, k, each.status === 'failed' ? 'failed' : 'finished'),
    ),
  );
  const profile = profileSchema.parse({
    version: 1,
    name: 'ci',
    model: 'builtin:tiny',
    grid: { window: [128, 256, 384, 512, 640] },
    budgets: { maxPeakMemoryMb: 280 },
  });
  const details: SweepDetails = {
    sweep: {
      id: 'sweep-1',
      profileName: 'ci',
      profile,
      state: 'finished',
      createdAt: 1_764_000_000_000,
      endedAt: 1_764_000_060_000,
      error: null,
      counts: countPoints(points),
      perPhone: countPerPhone(points),
      concurrency: 2,
      concurrencyNote: 'emulated phones share the host: at most 2 runs at once',
    },
    points,
  };
  return {
    details,
    runs,
    compare: testCompare(),
    generatedAt: 1_764_000_100_000,
    studioVersion: '0.1.0',
  };
}
