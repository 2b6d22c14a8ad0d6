import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { ReportBuildArgs, ReportEntry, ReportFormat } from '../../../shared/compare';
import { assertNever, fail, ok, type Result } from '../../../shared/result';
import { sweepRecordSchema, type SweepRecord } from '../../../shared/sweep';
import { studioVersion } from '../paths';
import type { RunRepo } from '../store/run-repo';
import type { StoredSweep, SweepRepo } from '../store/sweep-repo';
import { compareQuery } from './compare-query';
import { diffReportHtml } from './html/diff-html';
import { sweepReportHtml } from './html/sweep-html';
import { diffReportCsv, sweepReportCsv } from './report-csv';
import { reportDiff } from './report-diff';
import {
  diffReportDocument,
  sweepReportDocument,
  type DiffReportData,
  type SweepReportData,
} from './report-document';
import { writeAtomically, type ReportShelf } from './report-shelf';

/** What reports are built from: the store, and where they are kept. */
export interface ReportSources {
  runs: RunRepo;
  sweeps: SweepRepo;
  shelf: ReportShelf;
  /**
   * Whether `out` may name any folder: the CLI's user says where on their own machine. A window
   * (Electron, the web host) writes only into the shelf's folder: a page must not be able to
   * write files wherever it likes.
   */
  outAnywhere: boolean;
  now?: () => number;
}

/** A stored sweep as the contract has it (the store's owner column dropped). */
function recordOf(stored: StoredSweep): SweepRecord {
  return sweepRecordSchema.parse(stored);
}

const json = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

/** A sweep's report data from the store: its points, every run of it, its configurations. */
export function sweepReportData(
  sources: ReportSources,
  sweepId: string,
  at: number,
): Result<SweepReportData> {
  // A sweep (or run) whose studio died reads interrupted, as sweep:get and run:list have it.
  sources.sweeps.markInterrupted();
  sources.runs.markInterrupted();
  const sweep = sources.sweeps.get(sweepId);
  if (sweep === null) return fail('not-found', `No sweep ${sweepId}`);
  return ok({
    details: { sweep: recordOf(sweep), points: sources.sweeps.points(sweepId) },
    runs: sources.runs.list({ sweepId, limit: 10_000 }),
    compare: compareQuery(sources.runs, sources.sweeps, {
      sweepIds: [sweepId],
      runIds: [],
      scope: 'per-phone',
    }),
    generatedAt: at,
    studioVersion: studioVersion(),
  });
}

/** Sweep B (`sweepId`) against A (`against`) from the store. */
export function diffReportData(
  sources: ReportSources,
  b: string,
  a: string,
  at: number,
): Result<DiffReportData> {
  const diff = reportDiff(sources.runs, sources.sweeps, { a, b, scope: 'farm' });
  if (!diff.ok) return diff;
  const [recordA, recordB] = [a, b].map((id) => recordOf(sources.sweeps.get(id)!));
  return ok({
    a: recordA!,
    b: recordB!,
    diff: diff.value,
    generatedAt: at,
    studioVersion: studioVersion(),
  });
}

async function sweepText(data: SweepReportData, format: ReportFormat): Promise<string> {
  switch (format) {
    case 'html':
      return sweepReportHtml(data);
    case 'csv':
      return sweepReportCsv(data);
    case 'json':
      return json(sweepReportDocument(data));
    default:
      return assertNever(format);
  }
}

function diffText(data: DiffReportData, format: ReportFormat): string {
  switch (format) {
    case 'html':
      return diffReportHtml(data);
    case 'csv':
      return diffReportCsv(data.diff);
    case 'json':
      return json(diffReportDocument(data));
    default:
      return assertNever(format);
  }
}

/**
 * Where the report goes: `out` when given (its extension must say the format, its folder must
 * exist: a report never lands where the caller did not mean), else the shelf's folder.
 */
function target(sources: ReportSources, args: ReportBuildArgs, at: number): Result<string> {
  if (args.out === undefined)
    return ok(sources.shelf.fileFor(args.sweepId, args.against ?? null, args.format, at));
  const file = resolve(args.out);
  if (!sources.outAnywhere && dirname(file) !== sources.shelf.folder) {
    return fail(
      'invalid-args',
      `${args.out}: reports from a window go into ${sources.shelf.folder} (edge-studio report --out writes anywhere)`,
    );
  }
  if (extname(file).toLowerCase() !== `.${args.format}`)
    return fail(
      'invalid-args',
      `${args.out}: a ${args.format} report's file ends in .${args.format}`,
    );
  if (dirname(file) !== sources.shelf.folder && !existsSync(dirname(file)))
    return fail('not-found', `${args.out}: no folder ${dirname(file)}`);
  return ok(file);
}

/** Builds a sweep's report (or a diff, with `against`), writes it and lists it on the shelf. */
export async function buildReport(
  sources: ReportSources,
  args: ReportBuildArgs,
): Promise<Result<ReportEntry>> {
  const at = sources.now?.() ?? Date.now();
  const file = target(sources, args, at);
  if (!file.ok) return file;
  let text: string;
  if (args.against === undefined) {
    const data = sweepReportData(sources, args.sweepId, at);
    if (!data.ok) return data;
    text = await sweepText(data.value, args.format);
  } else {
    const data = diffReportData(sources, args.sweepId, args.against, at);
    if (!data.ok) return data;
    text = diffText(data.value, args.format);
  }
  await writeAtomically(file.value, text);
  const entry: ReportEntry = {
    file: file.value,
    format: args.format,
    sweepId: args.sweepId,
    against: args.against ?? null,
    bytes: Buffer.byteLength(text),
    createdAt: at,
  };
  await sources.shelf.record(entry);
  return ok(entry);
}
