import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { ReportEntry } from '../../shared/compare';
import { call, withStudio } from './cli-studio';
import { reportFormatOf } from './report-options';

/** The options of `edge-studio report` and `report diff`, as commander hands them over. */
export interface ReportOptions {
  out?: string;
  format?: string;
}

/** One line: what was written, where, how big. */
export function reportLine(entry: ReportEntry): string {
  const what =
    entry.against === null
      ? `sweep ${entry.sweepId}`
      : `sweep ${entry.sweepId} against ${entry.against}`;
  return `${entry.format.toUpperCase()} report of ${what} written to ${entry.file} (${(entry.bytes / 1024).toFixed(1)} KiB)`;
}

async function build(
  command: Command,
  args: { sweepId: string; against?: string },
  options: ReportOptions,
): Promise<void> {
  const format = reportFormatOf(options.out, options.format);
  const out = options.out === undefined ? undefined : resolve(options.out);
  const entry = await withStudio(command, ({ studio }) =>
    call(studio, 'report:build', { ...args, format, out }),
  );
  console.log(reportLine(entry));
}

/** `edge-studio report SWEEP_ID --out FILE` and `edge-studio report diff A B --out FILE`. */
export function registerReportCommand(program: Command): void {
  const outHelp =
    'the file to write: .html (self-contained), .csv or .json (default: DATA/reports/)';
  const report = program
    .command('report')
    .description(
      "write a sweep's report: HTML with charts, or CSV / JSON of every run and statistic",
    )
    .argument('<sweep-id>', 'the sweep (edge-studio sweeps lists them)')
    .option('--out <file>', outHelp)
    .option('--format <format>', 'html, csv or json (default: from --out, else html)')
    .action(async (sweepId: string, options: ReportOptions, command: Command) =>
      build(command, { sweepId }, options),
    );
  report
    .command('diff')
    .description('compare sweep B against sweep A, configuration by configuration')
    .argument('<a>', 'the sweep compared against (before)')
    .argument('<b>', 'the sweep compared (after)')
    .option('--out <file>', outHelp)
    .option('--format <format>', 'html, csv or json (default: from --out, else html)')
    // `report`'s own --out and --format are parsed by it wherever they stand: read both levels.
    .action(async (a: string, b: string, _options: ReportOptions, command: Command) =>
      build(command, { sweepId: b, against: a }, command.optsWithGlobals<ReportOptions>()),
    );
}
