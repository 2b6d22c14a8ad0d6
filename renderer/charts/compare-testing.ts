import type { CompareResult, Configuration } from '../../shared/compare';
import { scenarioLabel, type Scenario } from '../../shared/scenario';
import type { Statistic } from '../../shared/run-metrics';

/**
 * Configurations for the Compare charts' and page's tests and the compare-10k bench: shaped as
 * `compare:query` answers, built from a few numbers.
 */

const mib = 1024 * 1024;

/** A statistic around a median, with a CI of ±`spread`. */
export function statistic(median: number, spread = median * 0.05, n = 8): Statistic {
  return {
    n,
    median,
    p90: median + spread,
    mean: median,
    sd: spread,
    ciLow: median - spread,
    ciHigh: median + spread,
  };
}

/** What a test fixture says of a configuration; the rest is derived or defaulted. */
export interface ConfigurationSeed {
  deviceKey?: string | null;
  scenario?: Partial<Scenario>;
  quant?: string;
  ttftMs?: number;
  peakMib?: number;
  cosine?: number | null;
  status?: Configuration['status'];
  reason?: string | null;
  pareto?: boolean;
  throttledSamples?: number;
  emulated?: boolean;
  overBudget?: string[];
}

/** A configuration as `compare:query` would answer it. */
export function configuration(seed: ConfigurationSeed = {}): Configuration {
  const scenario: Scenario = { chunk: 64, sink: 4, window: 256, memory: 'on', ...seed.scenario };
  const quant = seed.quant ?? 'int4-g32';
  const deviceKey = seed.deviceKey === undefined ? 'emulator-5554' : seed.deviceKey;
  const configKey = ['tiny', scenarioLabel(scenario), quant, 'cpu', 4].join('|');
  const measured = (seed.status ?? 'measured') === 'measured';
  const ttftMs = seed.ttftMs ?? 120;
  const peakBytes = (seed.peakMib ?? 300) * mib;
  return {
    key: `${deviceKey ?? 'farm'}|${configKey}`,
    configKey,
    deviceKey,
    label: `${scenarioLabel(scenario)} · ${quant}`,
    model: 'tiny',
    scenario,
    quant,
    ep: 'cpu',
    threads: 4,
    status: seed.status ?? 'measured',
    reason: seed.reason ?? null,
    runIds: measured ? ['run-1'] : [],
    sweepIds: ['sweep-1'],
    emulated: seed.emulated ?? true,
    stats: measured
      ? {
          ttftMs: statistic(ttftMs),
          prefillTokS: statistic(2000),
          decodeTokS: statistic(25),
          peakRssBytes: statistic(peakBytes, 0, 8),
        }
      : {},
    prefillTimeline: measured ? [{ i: 0, computeMs: ttftMs * 0.8, stateMs: ttftMs * 0.2 }] : [],
    memory: null,
    energy: null,
    fidelity:
      seed.cosine === null || !measured
        ? null
        : {
            tokens: 64,
            cosineMean: seed.cosine ?? 0.995,
            top1Agreement: 0.97,
            klMean: 0.01,
            klP95: 0.03,
          },
    task: null,
    thermal: { samples: 20, throttledSamples: seed.throttledSamples ?? 0, excludedRepetitions: 0 },
    pareto: seed.pareto ?? false,
    overBudget: seed.overBudget ?? [],
  };
}

/** A compare result around the given configurations, with one recommendation per phone. */
export function compareResult(configurations: Configuration[]): CompareResult {
  const phones = [...new Set(configurations.map((item) => item.deviceKey ?? 'farm'))];
  return {
    query: { sweepIds: ['sweep-1'], runIds: [], scope: 'per-phone' },
    budgets: {},
    configurations,
    recommendations: phones.map((deviceKey) => ({
      deviceKey,
      best: configurations.find((item) => item.deviceKey === deviceKey)?.key ?? null,
      fastest: configurations.find((item) => item.deviceKey === deviceKey)?.key ?? null,
      ttftRatio: 1,
      sentence: `${deviceKey}: the fastest configuration keeps to the budgets.`,
    })),
    phones: phones.map((deviceKey) => ({
      deviceKey,
      model: 'Pixel',
      abi: 'arm64-v8a',
      emulated: true,
    })),
  };
}
