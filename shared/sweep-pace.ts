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
  // Whole minutes first, so that 1 h 59.5 min reads 2 h 0 min, not 1 h 60 min.
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** How many runs a sweep's phones may run at once, and why no more. */
export interface FarmConcurrency {
  concurrency: number;
  /** Said wherever emulated phones share the host's cores (null on real phones only). */
  note: string | null;
  /** Whether the host's cores hold emulated phones back (fewer at once than there are). */
  capped: boolean;
}

/**
 * The scheduler's rule: every real phone runs at once; emulated ones no more at once than the
 * host has cores, as their programs run on its CPUs (more runs than cores would time
 * contention, not the graphs). Pure.
 */
export function farmConcurrency(
  phones: readonly { emulated: boolean }[],
  cores: number,
): FarmConcurrency {
  const emulated = phones.filter((phone) => phone.emulated).length;
  const real = phones.length - emulated;
  if (emulated === 0) return { concurrency: Math.max(1, real), note: null, capped: false };
  const allowed = Math.min(emulated, cores);
  return {
    concurrency: real + allowed,
    note: `emulated phones run on this host's ${cores} cores: at most ${allowed} of the ${emulated} run at once`,
    capped: allowed < emulated,
  };
}
