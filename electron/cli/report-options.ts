import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { reportFormatSchema, reportFormats, type ReportFormat } from '../../shared/compare';
import { UsageError } from './global-options';

/**
 * The format of a report file: `--format` when given (it must agree with the file's extension),
 * else the extension of `--out` (.html, .csv or .json), else HTML. Refused before any studio
 * opens, as is a file whose folder does not exist.
 */
export function reportFormatOf(out: string | undefined, format?: string): ReportFormat {
  const given =
    format === undefined ? undefined : reportFormatSchema.safeParse(format.toLowerCase());
  if (given && !given.success) {
    throw new UsageError(`--format ${format}: one of ${reportFormats.join(', ')}`);
  }
  if (out === undefined) return given?.data ?? 'html';
  const extension = extname(out).slice(1).toLowerCase();
  const fromFile = reportFormatSchema.safeParse(extension);
  if (!fromFile.success) {
    throw new UsageError(`${out}: a report file ends in .html, .csv or .json`);
  }
  if (given && given.data !== fromFile.data) {
    throw new UsageError(`${out} is not a ${given.data} file (--format ${given.data})`);
  }
  if (!existsSync(dirname(resolve(out)))) {
    throw new UsageError(`${out}: no folder ${dirname(resolve(out))}`);
  }
  return fromFile.data;
}
