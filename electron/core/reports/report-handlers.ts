import type { InvokeHandlers } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import { buildReport, type ReportSources } from './report-build';

/** Handlers of `report:build` and `report:list` over the studio's store and report shelf. */
export function reportHandlers(
  sources: ReportSources,
): Pick<InvokeHandlers, 'report:build' | 'report:list'> {
  return {
    'report:build': (args) => buildReport(sources, args),
    'report:list': async () => ok({ reports: sources.shelf.list() }),
  };
}
