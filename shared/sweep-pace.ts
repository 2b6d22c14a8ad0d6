import type { SweepCounts } from './sweep';

/** Points that will not run any more (finished, failed, infeasible, skipped, cancelled). Pure. */
export function settledPoints(counts: SweepCounts): number {
  return counts.done + counts.failed + counts.infeasible + counts.skipped + counts.cancelled;
}

/**
 * Seconds left, from the pace since `startedAt`: the time per point that ran since then (finished
 * or failed; `before` holds the counts at `startedAt`, for a sweep resumed or followed mid-way)
 * times the points still to run; null until one has run. Pure.
 */
export function etaSeconds(
  counts: SweepCounts,
  startedAt: number,
  now: number,
  before?: Pick<SweepCounts, 'done' | 'failed'>,
): number | null {
  const ran = counts.done + counts.failed - (before ? before.done + before.failed : 0);
  const left = counts.planned - settledPoints(counts);
  if (left <= 0) return 0;
  return ran <= 0 ? null : (((now - startedAt) / 1000) * left) / ran;
}

/** A duration as `1 h 4 min`, `3 min 20 s` or `42 s`. Pure. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
