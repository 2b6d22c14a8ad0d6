import type { RunSample } from '../../../../shared/run';
import type { Energy } from '../../../../shared/run-metrics';
import type { Repetition } from './repetitions';

/** A battery reading on the host clock: current (µA, positive = discharging), voltage (µV). */
export interface PowerPoint {
  t: number;
  currentUa: number;
  voltageUv: number;
}

/** What the energy of some windows came to. */
interface WindowEnergy {
  uah: number;
  mj: number;
}

const msPerHour = 3_600_000;

/**
 * Energy per token from the battery's current and voltage: power (I·V) and current are linearly
 * interpolated between the outside samples (held at the first and last sample beyond them) and
 * integrated over each counted repetition's prefill window (start → first token) and decode
 * window (first token → output). Prefill tokens are the prompt's, decode tokens the decode steps.
 * Null with fewer than two power samples, no counted repetition or no prompt token.
 */
export function energyOf(
  samples: readonly RunSample[],
  counted: readonly Repetition[],
  promptTokens: number,
): Energy | null {
  const points = powerPoints(samples);
  const reps = counted.filter((rep) => rep.firstTokenMs !== null && rep.endMs !== null);
  if (points.length < 2 || reps.length === 0 || promptTokens <= 0) return null;
  const prefill = sumWindows(
    points,
    reps.map((rep) => [rep.startMs, rep.firstTokenMs!]),
  );
  const decode = sumWindows(
    points,
    reps.map((rep) => [rep.firstTokenMs!, rep.endMs!]),
  );
  const decodeTokens = reps.reduce((sum, rep) => sum + rep.decodeMs.length, 0);
  const prefillTokens = promptTokens * reps.length;
  return {
    prefillUahPerToken: prefill.uah / prefillTokens,
    decodeUahPerToken: decodeTokens > 0 ? decode.uah / decodeTokens : null,
    prefillMjPerToken: prefill.mj / prefillTokens,
    decodeMjPerToken: decodeTokens > 0 ? decode.mj / decodeTokens : null,
    samples: pointsUsed(
      points,
      reps.map((rep) => [rep.startMs, rep.endMs!]),
    ),
    charging: isCharging(samples),
  };
}

/** The phone was on a charger, or its current flowed into the battery, at some sample. */
export function isCharging(samples: readonly RunSample[]): boolean {
  return samples.some(
    (sample) =>
      sample.kind === 'device' &&
      (sample.sample.battery?.powered === true || (sample.sample.power?.currentUa ?? 0) < 0),
  );
}

function powerPoints(samples: readonly RunSample[]): PowerPoint[] {
  const points: PowerPoint[] = [];
  for (const sample of samples)
    if (sample.kind === 'device' && sample.sample.power)
      points.push({ t: sample.t, ...sample.sample.power });
  return points.sort((a, b) => a.t - b.t);
}

function sumWindows(points: readonly PowerPoint[], windows: [number, number][]): WindowEnergy {
  const total = { uah: 0, mj: 0 };
  for (const [from, to] of windows) {
    // µA·ms → µAh; µA·µV = 1e-12 W, and W·ms = mJ.
    total.uah += integrate(points, from, to, (p) => p.currentUa) / msPerHour;
    total.mj += integrate(points, from, to, (p) => p.currentUa * p.voltageUv) * 1e-12;
  }
  return total;
}

/**
 * ∫ from..to of the piecewise-linear curve through `value(point)`, constant beyond the ends.
 * Exact by trapezoids on the breakpoints inside the window, since the curve is linear between them.
 */
export function integrate(
  points: readonly PowerPoint[],
  from: number,
  to: number,
  value: (point: PowerPoint) => number,
): number {
  if (to <= from) return 0;
  const at = (t: number) => interpolate(points, t, value);
  const cuts = [from, ...points.map((p) => p.t).filter((t) => t > from && t < to), to];
  let area = 0;
  for (let k = 1; k < cuts.length; k++)
    area += ((at(cuts[k - 1]!) + at(cuts[k]!)) / 2) * (cuts[k]! - cuts[k - 1]!);
  return area;
}

function interpolate(
  points: readonly PowerPoint[],
  t: number,
  value: (p: PowerPoint) => number,
): number {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (t <= first.t) return value(first);
  if (t >= last.t) return value(last);
  const after = points.findIndex((p) => p.t >= t);
  const [a, b] = [points[after - 1]!, points[after]!];
  return value(a) + ((value(b) - value(a)) * (t - a.t)) / (b.t - a.t);
}

/** How many samples the interpolation reads: those inside each window and the two around it. */
function pointsUsed(points: readonly PowerPoint[], windows: [number, number][]): number {
  const used = new Set<number>();
  for (const [from, to] of windows) {
    const before = points.findLastIndex((p) => p.t <= from);
    const after = points.findIndex((p) => p.t >= to);
    const low = Math.max(0, before);
    const high = after === -1 ? points.length - 1 : after;
    for (let k = low; k <= high; k++) used.add(k);
  }
  return used.size;
}
