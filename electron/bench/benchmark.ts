import { median, probit } from 'simple-statistics';

/** A named benchmark: measures its figure and a baseline in the same run (machines are noisy). */
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchFigure>;
}

/** A measured figure with its goal, and the baseline measured beside it. */
export interface BenchFigure {
  value: number;
  unit: string;
  /** What the issue asks for; absent when the figure is only reported. */
  goal?: { op: '<=' | '>='; value: number };
  baseline?: { label: string; value: number };
  /**
   * The figure and its goal in words, where one number does not say it (`builds 12/12, pushes
   * 81/81`, `goal: exact`); `value` and `goal` still decide whether it meets its goal.
   */
  text?: { figure: string; goal: string };
}

/** Median of repeated samples of an async measurement. */
export async function medianOf(samples: number, measure: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) values.push(await measure());
  return median(values);
}

/** Medians of two measurements taken as pairs, and the centre of their per-pair ratios `a/b`. */
export interface PairedMedians {
  a: number;
  b: number;
  /**
   * The Hodges–Lehmann estimate of the per-pair log ratios, exponentiated: a pair twice as slow
   * one way weighs as much as one twice as fast, whichever way the ratio is taken.
   */
  ratio: number;
  /** The 95 % confidence interval of `ratio` (hodgesLehmannInterval of the log ratios). */
  interval: [low: number, high: number];
}

/**
 * The Hodges–Lehmann estimate of a sample's centre: the median of the means of every pair
 * (each value with itself included). It shrugs off up to ~29 % of outliers (a median: 50 %) and is
 * nearly as efficient as a mean on well-behaved noise, so fewer samples pin it down.
 */
export function hodgesLehmann(values: readonly number[]): number {
  const means: number[] = [];
  values.forEach((value, i) => {
    for (let j = i; j < values.length; j++) means.push((value + values[j]!) / 2);
  });
  return median(means);
}

/**
 * The distribution-free confidence interval of the Hodges–Lehmann estimate: the Walsh averages
 * (the pairwise means above) between the Wilcoxon signed-rank test's critical ranks, from its
 * normal approximation (good from ~10 values). Assumes only noise symmetric about the centre.
 */
export function hodgesLehmannInterval(
  values: readonly number[],
  confidence = 0.95,
): [low: number, high: number] {
  const means: number[] = [];
  values.forEach((value, i) => {
    for (let j = i; j < values.length; j++) means.push((value + values[j]!) / 2);
  });
  means.sort((x, y) => x - y);
  const n = values.length;
  const spread = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  const z = probit(1 - (1 - confidence) / 2);
  const rank = Math.max(1, Math.floor(means.length / 2 - z * spread));
  return [means[rank - 1]!, means[means.length - rank]!];
}

/**
 * Measures `a` and `b` in interleaved pairs, alternating which goes first, so that drift over
 * the run (page-cache writeback, another process waking up) weighs on both alike. One pair runs
 * first to warm caches (connections, the page cache, memoised hashes) and is not counted.
 */
export async function pairedMedians(
  pairs: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
): Promise<PairedMedians> {
  const as: number[] = [];
  const bs: number[] = [];
  await a();
  await b();
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  const logRatios = as.map((value, i) => Math.log(value / bs[i]!));
  const [low, high] = hodgesLehmannInterval(logRatios);
  return {
    a: median(as),
    b: median(bs),
    ratio: Math.exp(hodgesLehmann(logRatios)),
    interval: [Math.exp(low), Math.exp(high)],
  };
}

/** The benchmark's last line: `bench <name>: <figure> (goal <op> <value>)`. */
export function formatFigure(name: string, figure: BenchFigure): string {
  if (figure.text) return `bench ${name}: ${figure.text.figure} (${figure.text.goal})`;
  const goal = figure.goal ? `goal ${figure.goal.op} ${figure.goal.value}` : 'reported, no goal';
  return `bench ${name}: ${formatValue(figure.value)} ${figure.unit} (${goal})`;
}

/** A figure's number: two decimals under 10, else whole (a 0.48 s baseline is not `0 s`). */
export function formatValue(value: number): string {
  return Math.abs(value) < 10 ? value.toFixed(2) : String(Math.round(value));
}

export function meetsGoal(figure: BenchFigure): boolean {
  if (!figure.goal) return true;
  return figure.goal.op === '<='
    ? figure.value <= figure.goal.value
    : figure.value >= figure.goal.value;
}
