import { farmConcurrency } from '../../../shared/sweep-pace';
import type { RunRecord } from '../../../shared/run';
import type { PlannedPoint } from './sweep-points';

/**
 * Seconds one run is assumed to take when no finished run of its point is in the store: a small
 * scenario of the demo model on an emulated phone (build, push, warm-up and timed passes) took
 * 2–10 s here (ci.yaml: 4 runs in 7.9 s; demo.yaml: 8 in 28 s), so 10 s errs on the long side.
 */
export const defaultRunSeconds = 10;

/** How long a sweep should take, and how that was worked out. */
export interface SweepEstimate {
  seconds: number;
  /** Points with finished runs in the store (their median wall time used). */
  fromHistory: number;
  /** Points estimated with the mean of the known ones, or with the default when none is known. */
  fromDefault: number;
  /** One sentence saying how it was estimated. */
  basis: string;
}

const pointOf = (run: RunRecord) =>
  [run.scenario, run.quant, run.request.ep, run.request.threads, run.request.promptTokens].join(
    '|',
  );
const keyOf = (point: PlannedPoint) =>
  [point.scenario, point.quant, point.ep, point.threads, point.promptTokens].join('|');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Wall seconds of the finished runs of each point (same model), by point. Pure. */
export function runSecondsByPoint(runs: readonly RunRecord[], model: string): Map<string, number> {
  const seconds = new Map<string, number[]>();
  for (const run of runs) {
    if (run.state !== 'finished' || run.endedAt === null || run.request.model !== model) continue;
    const key = pointOf(run);
    seconds.set(key, [...(seconds.get(key) ?? []), (run.endedAt - run.createdAt) / 1000]);
  }
  return new Map([...seconds].map(([key, list]) => [key, median(list)]));
}

/**
 * Estimated sweep duration: every phone runs every point, one at a time, the phones in parallel
 * (`shareOfPhones` = phones ÷ runs allowed at once, at least 1). A point's run time is the median
 * of its finished runs in the store; a point never run takes the mean of the known points, or
 * `defaultRunSeconds` when none is known. Pure.
 */
export function estimateSweep(
  points: readonly PlannedPoint[],
  history: ReadonlyMap<string, number>,
  shareOfPhones = 1,
): SweepEstimate {
  const known = points.map((point) => history.get(keyOf(point)));
  const seen = known.filter((each): each is number => each !== undefined);
  const fallback = seen.length ? seen.reduce((a, b) => a + b, 0) / seen.length : defaultRunSeconds;
  const perPhone = known.reduce<number>((total, each) => total + (each ?? fallback), 0);
  const fromDefault = points.length - seen.length;
  const basis =
    seen.length === 0
      ? `no run of these points in the store yet: ${defaultRunSeconds} s a run assumed`
      : fromDefault === 0
        ? `median wall time of earlier runs of all ${points.length} points`
        : `median wall time of earlier runs for ${seen.length} of ${points.length} points, ` +
          `their mean (${fallback.toFixed(1)} s) for the rest`;
  return {
    seconds: perPhone * Math.max(1, shareOfPhones),
    fromHistory: seen.length,
    fromDefault,
    basis,
  };
}

/** How many runs a sweep's phones may run at once, and the host's cap when it holds them back. */
export interface LaunchConcurrency {
  runsAtOnce: number;
  /** Why fewer run at once than there are phones (emulated phones over the host's cores). */
  cap: string | null;
}

/** The scheduler's rule (`farmConcurrency`); `hostCores` null (not read yet) assumes no cap. Pure. */
export function launchConcurrency(
  phones: readonly { emulated: boolean }[],
  hostCores: number | null,
): LaunchConcurrency {
  const { concurrency, note, capped } = farmConcurrency(phones, hostCores ?? Infinity);
  return { runsAtOnce: concurrency, cap: capped ? note : null };
}
