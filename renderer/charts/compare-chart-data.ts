import type { Configuration } from '../../shared/compare';
import { toMib } from './run-chart-parts';

/**
 * Configurations as the Compare charts draw them: plain points, so the charts stay pure and the
 * reports can draw the same data in Node.
 */

/** One configuration's median TTFT at its window, with the 95 % CI as error offsets. */
export interface WindowPoint {
  key: string;
  label: string;
  window: number;
  medianMs: number;
  ciLowMs: number;
  ciHighMs: number;
  /** [median − CI low, CI high − median]: what the error bars draw. */
  errorMs: [number, number];
  n: number;
}

/** One line of the TTFT-vs-window chart: every configuration that differs only in its window. */
export interface WindowSeries {
  key: string;
  name: string;
  chunk: number;
  points: WindowPoint[];
}

/** The parts of a configuration that name its series (all but the window). */
function seriesParts(configuration: Configuration): Record<string, string> {
  const { scenario } = configuration;
  return {
    phone: configuration.deviceKey ?? 'farm',
    chunk: `chunk ${scenario.chunk}`,
    sink: `sink ${scenario.sink}`,
    memory: scenario.memory === 'on' ? 'memory on' : 'memory off',
    model: configuration.model,
    quant: configuration.quant,
    ep: configuration.ep,
    threads: `${configuration.threads} threads`,
  };
}

/**
 * The slices of the TTFT-vs-window chart: what its lines are drawn for besides the chunk size
 * (`memory on · float`, only the parts that vary), in first-seen order. One slice at a time keeps
 * the chart to a line per chunk size, as it is read.
 */
export function windowSlices(configurations: readonly Configuration[]): string[] {
  return [...new Set(withTtft(configurations).map(sliceNamer(configurations)))];
}

/** The configurations of one slice (`windowSlices`); all of them for null. */
export function inSlice(
  configurations: readonly Configuration[],
  slice: string | null,
): Configuration[] {
  if (slice === null) return [...configurations];
  const name = sliceNamer(configurations);
  return configurations.filter((configuration) => name(configuration) === slice);
}

function sliceNamer(configurations: readonly Configuration[]) {
  const parts = withTtft(configurations).map(seriesParts);
  const varying = Object.keys(parts[0] ?? {}).filter(
    (name) => name !== 'chunk' && new Set(parts.map((part) => part[name])).size > 1,
  );
  return (configuration: Configuration) => {
    const own = seriesParts(configuration);
    return varying.map((name) => own[name]).join(' · ') || 'every configuration';
  };
}

/** Measured configurations with a TTFT statistic. */
function withTtft(configurations: readonly Configuration[]) {
  return configurations.filter(
    (configuration) => configuration.status === 'measured' && configuration.stats.ttftMs,
  );
}

function windowPoint(configuration: Configuration): WindowPoint {
  const ttft = configuration.stats.ttftMs!;
  return {
    key: configuration.key,
    label: configuration.label,
    window: configuration.scenario.window,
    medianMs: ttft.median,
    ciLowMs: ttft.ciLow,
    ciHighMs: ttft.ciHigh,
    errorMs: [Math.max(0, ttft.median - ttft.ciLow), Math.max(0, ttft.ciHigh - ttft.median)],
    n: ttft.n,
  };
}

/**
 * One series per chunk size (and per anything else that varies besides the window), its points
 * in window order. Series are named by chunk size, plus only the parts that differ between them.
 */
export function windowSeries(configurations: readonly Configuration[]): WindowSeries[] {
  const measured = withTtft(configurations);
  const parts = measured.map(seriesParts);
  const names = Object.keys(parts[0] ?? {});
  const varying = names.filter(
    (name) => name === 'chunk' || new Set(parts.map((part) => part[name])).size > 1,
  );
  const byKey = new Map<string, WindowSeries>();
  measured.forEach((configuration, index) => {
    const key = names.map((name) => parts[index]![name]).join('|');
    const series = byKey.get(key) ?? {
      key,
      name: varying.map((name) => parts[index]![name]).join(' · '),
      chunk: configuration.scenario.chunk,
      points: [],
    };
    series.points.push(windowPoint(configuration));
    byKey.set(key, series);
  });
  for (const series of byKey.values()) series.points.sort((a, b) => a.window - b.window);
  return [...byKey.values()].sort((a, b) => a.chunk - b.chunk || a.name.localeCompare(b.name));
}

/** A band of fidelity (logit cosine against the float reference), the Pareto chart's colours. */
export interface FidelityBand {
  id: string;
  name: string;
  color: string;
  /** Lowest cosine in the band; null for configurations without a fidelity. */
  min: number | null;
}

export const fidelityBands: readonly FidelityBand[] = [
  { id: 'excellent', name: 'cosine ≥ 0.999', color: '#1f8a4c', min: 0.999 },
  { id: 'good', name: 'cosine ≥ 0.99', color: '#2f6fde', min: 0.99 },
  { id: 'fair', name: 'cosine ≥ 0.95', color: '#e0a030', min: 0.95 },
  { id: 'poor', name: 'cosine < 0.95', color: '#d9482b', min: 0 },
  { id: 'unknown', name: 'fidelity not measured', color: '#9aa4b2', min: null },
];

/** The band a cosine falls in (the last, `unknown`, without one). */
export function fidelityBand(cosine: number | null | undefined): FidelityBand {
  if (cosine === null || cosine === undefined) return fidelityBands.at(-1)!;
  return fidelityBands.find((band) => band.min !== null && cosine >= band.min) ?? fidelityBands[3]!;
}

/** One measured configuration on the TTFT × peak-memory plane. */
export interface ParetoPoint {
  key: string;
  label: string;
  deviceKey: string | null;
  ttftMs: number;
  peakMib: number;
  cosine: number | null;
  band: string;
  pareto: boolean;
  throttled: boolean;
  emulated: boolean;
  overBudget: string[];
}

/** A configuration that cannot be drawn (infeasible, failed, or without the two medians). */
export interface UnplottedConfiguration {
  key: string;
  label: string;
  deviceKey: string | null;
  status: Configuration['status'];
  reason: string;
}

/** Whether thermal throttling touched the configuration's runs. */
export function wasThrottled(configuration: Configuration): boolean {
  return (
    configuration.thermal.throttledSamples > 0 || configuration.thermal.excludedRepetitions > 0
  );
}

function paretoPoint(configuration: Configuration): ParetoPoint {
  const cosine = configuration.fidelity?.cosineMean ?? null;
  return {
    key: configuration.key,
    label: configuration.label,
    deviceKey: configuration.deviceKey,
    ttftMs: configuration.stats.ttftMs!.median,
    peakMib: toMib(configuration.stats.peakRssBytes!.median),
    cosine,
    band: fidelityBand(cosine).id,
    pareto: configuration.pareto,
    throttled: wasThrottled(configuration),
    emulated: configuration.emulated,
    overBudget: configuration.overBudget,
  };
}

function unplottedReason(configuration: Configuration): string {
  if (configuration.reason) return configuration.reason;
  return configuration.status === 'measured'
    ? 'no TTFT or peak memory measured'
    : configuration.status;
}

/** The configurations split into drawable points and the rest, each with why it is not drawn. */
export function paretoData(configurations: readonly Configuration[]): {
  points: ParetoPoint[];
  unplotted: UnplottedConfiguration[];
} {
  const points: ParetoPoint[] = [];
  const unplotted: UnplottedConfiguration[] = [];
  for (const configuration of configurations) {
    const drawable =
      configuration.status === 'measured' &&
      configuration.stats.ttftMs !== undefined &&
      configuration.stats.peakRssBytes !== undefined;
    if (drawable) points.push(paretoPoint(configuration));
    else
      unplotted.push({
        key: configuration.key,
        label: configuration.label,
        deviceKey: configuration.deviceKey,
        status: configuration.status,
        reason: unplottedReason(configuration),
      });
  }
  return { points, unplotted };
}

/** The frontier's points in TTFT order, one line per phone (or the farm). */
export function frontierLines(points: readonly ParetoPoint[]): ParetoPoint[][] {
  const byPhone = new Map<string, ParetoPoint[]>();
  for (const point of points.filter((candidate) => candidate.pareto)) {
    const phone = point.deviceKey ?? 'farm';
    byPhone.set(phone, [...(byPhone.get(phone) ?? []), point]);
  }
  return [...byPhone.values()].map((line) =>
    [...line].sort((a, b) => a.ttftMs - b.ttftMs || b.peakMib - a.peakMib),
  );
}
