import type { CompareSignificanceArgs, Significance } from '../../../shared/compare';
import { significance } from '../../../shared/compare-statistics';
import { fail, ok, type Result } from '../../../shared/result';
import type { SweepRepo } from '../store/sweep-repo';
import { measuredRuns } from './compare-configurations';
import { compareGroups } from './compare-query';
import type { CompareRunCache } from './compare-run-cache';

/**
 * Configuration B against A of a query's answer: a two-sided Mann–Whitney U test on TTFT and on
 * per-token KL over the values their runs pooled (`CompareRunCache.testValues`), in plain words.
 * A key the query does not answer, or one with no finished run, is `not-found`.
 */
export function compareSignificance(
  sweeps: SweepRepo,
  args: CompareSignificanceArgs,
  cache: CompareRunCache,
): Result<[Significance, Significance]> {
  const { groups } = compareGroups(sweeps, args, cache);
  const sides = [args.a, args.b].map((key) => {
    const group = groups.find((each) => each.key === key);
    const runs = group === undefined ? [] : measuredRuns(group.members);
    return runs.length === 0 ? null : { label: group!.label, values: cache.testValues(runs) };
  });
  const [a, b] = sides;
  if (!a || !b) {
    const missing = a ? args.b : args.a;
    return fail('not-found', `No measured configuration ${missing} in this comparison`);
  }
  const labels = { a: `A (${a.label})`, b: `B (${b.label})` };
  return ok([
    significance('ttftMs', a.values.ttftValues, b.values.ttftValues, labels),
    significance('kl', a.values.klValues, b.values.klValues, labels),
  ]);
}
