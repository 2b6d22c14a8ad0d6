import type { ReportDiff, ReportDiffArgs } from '../../../shared/compare';
import { diffConfigurations } from '../../../shared/compare-statistics';
import { fail, ok, type Result } from '../../../shared/result';
import type { RunRepo } from '../store/run-repo';
import type { SweepRepo } from '../store/sweep-repo';
import { compareQuery } from './compare-query';
import { CompareRunCache } from './compare-run-cache';

/**
 * Sweep B against sweep A, configuration by configuration (`diffConfigurations`), each sweep's
 * configurations pooled by `compareQuery` in the diff's scope. A sweep not in the store is
 * `not-found`.
 */
export function reportDiff(
  runs: RunRepo,
  sweeps: SweepRepo,
  args: ReportDiffArgs,
  cache = new CompareRunCache(runs),
): Result<ReportDiff> {
  for (const id of [args.a, args.b])
    if (sweeps.profileOf(id) === null) return fail('not-found', `No sweep ${id}`);
  const side = (sweepId: string) => ({
    sweepId,
    configurations: compareQuery(
      runs,
      sweeps,
      {
        sweepIds: [sweepId],
        runIds: [],
        scope: args.scope,
      },
      cache,
    ).configurations,
  });
  return ok(diffConfigurations(side(args.a), side(args.b), args.scope));
}
