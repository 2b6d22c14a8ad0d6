import type { InvokeHandlers } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import type { RunRepo } from '../store/run-repo';
import type { SweepRepo } from '../store/sweep-repo';
import { CompareAnswers } from './compare-answers';
import { compareQuery } from './compare-query';
import { compareSignificance } from './compare-significance';
import { CompareRunCache } from './compare-run-cache';
import { reportDiff } from './report-diff';

/** Handlers of `compare:query`, `compare:significance` and `report:diff` over the studio's store. */
export function compareHandlers(
  runs: RunRepo,
  sweeps: SweepRepo,
  cache = new CompareRunCache(runs),
  answers = new CompareAnswers(() => runs.changeMark()),
): Pick<InvokeHandlers, 'compare:query' | 'compare:significance' | 'report:diff'> {
  return {
    'compare:query': async (query) =>
      ok(answers.answer(query, () => compareQuery(runs, sweeps, query, cache))),
    'compare:significance': async (args) => compareSignificance(sweeps, args, cache),
    'report:diff': async (args) => reportDiff(runs, sweeps, args, cache),
  };
}
