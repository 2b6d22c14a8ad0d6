import type { InvokeHandlers } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import type { RunRepo } from '../store/run-repo';
import type { SweepRepo } from '../store/sweep-repo';
import { compareQuery } from './compare-query';
import { CompareRunCache } from './compare-run-cache';
import { reportDiff } from './report-diff';

/** Handlers of `compare:query` and `report:diff` over the studio's store. */
export function compareHandlers(
  runs: RunRepo,
  sweeps: SweepRepo,
): Pick<InvokeHandlers, 'compare:query' | 'report:diff'> {
  const cache = new CompareRunCache();
  return {
    'compare:query': async (query) => ok(compareQuery(runs, sweeps, query, cache)),
    'report:diff': async (args) => reportDiff(runs, sweeps, args, cache),
  };
}
