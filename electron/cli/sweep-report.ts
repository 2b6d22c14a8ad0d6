import { resolve } from 'node:path';
import type { ReportEntry } from '../../shared/compare';
import type { StudioApi } from '../../shared/contract';
import { call } from './cli-studio';
import { reportFormatOf } from './report-options';

/** Refuses a `--report FILE` that cannot be written (not .html/.csv/.json, no such folder) before any run starts. */
export function checkReportFile(file: string | undefined): void {
  if (file !== undefined) reportFormatOf(file);
}

/** Writes the sweep's report to `file` (`report:build`, the format from its extension). */
export async function writeSweepReport(
  studio: StudioApi,
  sweepId: string,
  file: string,
): Promise<ReportEntry> {
  const format = reportFormatOf(file);
  return call(studio, 'report:build', { sweepId, format, out: resolve(file) });
}
