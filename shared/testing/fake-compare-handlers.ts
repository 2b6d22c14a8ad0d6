import type { InvokeHandlers } from '../contract';
import { fail, ok } from '../result';

/** The compare and report channels, whose fakes every contract-wide handler map needs. */
type CompareChannels =
  'compare:query' | 'compare:significance' | 'report:diff' | 'report:build' | 'report:list';

/**
 * Fake handlers of the compare and report channels for tests of a whole contract's handler map
 * (the renderer's fake studio, the dispatch tests): an empty comparison, no stored sweep to diff,
 * a report "built" at the path the studio would name, and no reports yet. One copy, so a change
 * of these channels' schemas is followed in one place.
 */
export const fakeCompareHandlers: Pick<InvokeHandlers, CompareChannels> = {
  'compare:query': async (query) =>
    ok({ query, budgets: {}, configurations: [], recommendations: [], phones: [] }),
  'compare:significance': async ({ a }) => fail('not-found', `No measured configuration ${a}`),
  'report:diff': async ({ a }) => fail('not-found', `No sweep ${a}`),
  'report:build': async ({ sweepId, format, against }) =>
    ok({
      file: `/tmp/studio/reports/${sweepId}.${format}`,
      format,
      sweepId,
      against: against ?? null,
      bytes: 1024,
      createdAt: 0,
    }),
  'report:list': async () => ok({ reports: [] }),
};
