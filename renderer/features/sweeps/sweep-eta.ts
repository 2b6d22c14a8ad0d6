import type { SweepCounts } from '../../../shared/sweep';

/** Points that will not run any more (finished, failed, infeasible, skipped, cancelled). Pure. */
export function settledPoints(counts: SweepCounts): number {
  return counts.done + counts.failed + counts.infeasible + counts.skipped + counts.cancelled;
}

/**
 * Seconds left, from the pace so far: the time per settled point that actually ran (finished or
 * failed) times the points still to run; null until one has run. Pure.
 */
export function etaSeconds(counts: SweepCounts, startedAt: number, now: number): number | null {
  const ran = counts.done + counts.failed;
  if (ran === 0) return null;
  const left = counts.planned - settledPoints(counts);
  return left <= 0 ? 0 : (((now - startedAt) / 1000) * left) / ran;
}
