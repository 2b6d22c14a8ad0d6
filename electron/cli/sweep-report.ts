import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from './global-options';
import type { SweepDocument } from './sweep-summary';

/**
 * Refuses a `--report FILE` this issue cannot write, before any run starts: JSON is written here;
 * HTML and CSV reports come with the Reports issue and are not faked.
 */
export function checkReportFile(file: string | undefined): void {
  if (file === undefined || extname(file).toLowerCase() === '.json') return;
  throw new UsageError(
    `--report ${file}: only .json reports are written yet; HTML and CSV reports come with the Reports issue (try --report ${file.replace(/\.[^./]*$/, '')}.json)`,
  );
}

/** Writes the sweep's JSON report (record, points, the runs' summaries) to `file`. */
export async function writeSweepReport(file: string, document: SweepDocument): Promise<void> {
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
}
