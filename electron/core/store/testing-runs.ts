import { runRequestSchema, type RunRequestInput, type RunSample } from '../../../shared/run';
import type { RunSummary, Statistic } from '../../../shared/run-metrics';
import { scenarioLabel } from '../../../shared/scenario';
import type { NewRun } from './run-repo';

/** Samples in each batch `testing-run-writer.ts` appends. */
export const writerBatchSize = 500;

/** A run as a session would create it, on `device` with `overrides` of the request. */
export function testRun(
  id: string,
  createdAt: number,
  overrides: Partial<RunRequestInput> = {},
): NewRun {
  const request = runRequestSchema.parse({
    model: 'builtin:tiny',
    scenario: { chunk: 64, sink: 4, window: 256, memory: 'on' },
    device: 'local/emulator-5554',
    quant: 'int8-channel',
    ...overrides,
  });
  return {
    id,
    request,
    deviceKey: request.device,
    scenario: scenarioLabel(request.scenario),
    quant: request.quant,
    createdAt,
  };
}

/** `count` samples from index `from`, cycling through the three kinds (each off a real shape). */
export function testSamples(from: number, count: number): RunSample[] {
  return Array.from({ length: count }, (_, k) => testSample(from + k));
}

function testSample(i: number): RunSample {
  const t = i * 2.5;
  switch (i % 3) {
    case 0:
      return {
        i,
        t,
        kind: 'runner',
        event: { ev: 'chunk', rep: 0, i, tokens: 64, compute_ms: 3.25, state_ms: 0.5 },
      };
    case 1:
      return {
        i,
        t,
        kind: 'device',
        throttled: i % 2 === 0,
        sample: {
          memory: {
            vmRssKb: 1000 + i,
            vmHwmKb: 2000 + i,
            rssAnonKb: 700,
            rssFileKb: 300,
            pssKb: null,
          },
          thermal: {
            status: 'none',
            sensors: [{ name: 'cpu0', type: 0, celsius: 41.5 }],
            otherSensors: [],
          },
          battery: { levelPercent: 80, temperatureC: 30.1, voltageMv: 4100, powered: false },
          cpuFreqKhz: [1_800_000, null],
          power: { currentUa: 250_000, voltageUv: 4_100_000 },
        },
      };
    default:
      return { i, t, kind: 'log', source: 'stderr', line: `line ${i}` };
  }
}

function statistic(median: number): Statistic {
  return {
    n: 5,
    median,
    p90: median * 1.2,
    mean: median * 1.05,
    sd: median / 10,
    ciLow: median * 0.9,
    ciHigh: median * 1.1,
  };
}

/** A finished run's summary with statistics of TTFT, prefill and peak memory. */
export function testSummary(ttftMs: number): RunSummary {
  return {
    repetitions: { measured: 5, warmup: 1, excludedThrottled: 0 },
    stats: { ttftMs: statistic(ttftMs), prefillTokS: statistic(900), peakRssBytes: statistic(5e8) },
    coldTtftMs: ttftMs * 1.5,
    warmTtftMs: ttftMs,
    loadMs: 120,
    promptTokens: 512,
    chunks: 8,
    decodeTokens: 16,
    memory: null,
    pssPeakBytes: null,
    accuracy: null,
    energy: null,
    thermal: { samples: 40, throttledSamples: 0, worstStatus: 'none', includeThrottled: false },
    malformedLines: 0,
  };
}
