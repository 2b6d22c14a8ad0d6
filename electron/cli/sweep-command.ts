import type { Command } from 'commander';
import type { ReportEntry } from '../../shared/compare';
import type { StudioApi } from '../../shared/contract';
import type { RunRecord } from '../../shared/run';
import type { SweepDetails, SweepRecord } from '../../shared/sweep';
import { call, withStudio, type CliStudio } from './cli-studio';
import { CommandFailure } from './command-output';
import { UsageError } from './global-options';
import { settledFarm } from './phone-selection';
import { emulateForSweep } from './sweep-emulate';
import { followSweep } from './sweep-follow';
import { loadProfile, parseDeviceSelector } from './sweep-options';
import { reportLine } from './report-command';
import { checkReportFile, writeSweepReport } from './sweep-report';
import { formatSweepSummary, sweepDocument, sweepFailure } from './sweep-summary';

/** The options of `edge-studio sweep`, as commander hands them over. */
export interface SweepOptions {
  emulate?: string;
  devices?: string;
  report?: string;
  json?: boolean;
  resume?: string;
}

/** What a followed sweep ended as: its details, its points' last runs, and whether we stopped it. */
interface SweepOutcome {
  details: SweepDetails;
  runs: RunRecord[];
  stopped: boolean;
  /** The report `--report` wrote. */
  report: ReportEntry | null;
}

/** `edge-studio sweep PROFILE` (or `--resume ID`) and `edge-studio sweeps`. */
export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description("run a profile's grid on the farm's phones it selects, then a summary table")
    .argument('[profile]', 'a profile YAML file, or a profile name (profiles/, DATA/profiles/)')
    .option('--emulate <n>', 'start N emulated phones for the sweep (stopped at its end)')
    .option('--devices <selector>', "these phones, not the profile's: model=…,soc=…,serial,…")
    .option(
      '--report <file>',
      "write the sweep's report at its end: FILE.html, FILE.csv or FILE.json",
    )
    .option('--json', 'print the sweep, its points and runs as JSON instead of the table')
    .option('--resume <id>', 'continue a stopped sweep: orphaned runners ended, finished runs kept')
    .action(async (profile: string | undefined, options: SweepOptions, command: Command) => {
      if ((profile === undefined) === (options.resume === undefined)) {
        throw new UsageError('name a PROFILE to sweep, or --resume ID (not both)');
      }
      checkReportFile(options.report);
      const devices =
        options.devices === undefined ? undefined : parseDeviceSelector(options.devices);
      const outcome = await withStudio(command, (opened) =>
        sweep(opened, options, () => start(opened.studio, profile, options.resume, devices)),
      );
      await printOutcome(outcome, options);
    });
  program
    .command('sweeps')
    .description('list the stored sweeps, newest first')
    .option('--json', 'print the sweep records as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { sweeps } = await withStudio(command, ({ studio }) => call(studio, 'sweep:list', {}));
      console.log(options.json ? JSON.stringify(sweeps, null, 2) : formatSweeps(sweeps));
    });
}

/** Starts (or resumes) the sweep on the phones the farm lists, follows it, and reads its end. */
async function sweep(
  { studio, context }: CliStudio,
  options: SweepOptions,
  begin: () => Promise<string>,
): Promise<SweepOutcome> {
  const emulated = options.emulate
    ? await emulateForSweep(studio, context.farm[0]!, options.emulate)
    : null;
  try {
    if (!emulated) await settledFarm(studio);
    const sweepId = await begin();
    console.error(`sweep ${sweepId} (edge-studio sweep --resume ${sweepId} continues it)`);
    const stopped = await followSweep(studio, sweepId);
    const details = await call(studio, 'sweep:get', { sweepId });
    const report =
      options.report === undefined ? null : await writeSweepReport(studio, sweepId, options.report);
    return { details, runs: await lastRuns(studio, details), stopped, report };
  } finally {
    await emulated?.stop();
  }
}

async function start(
  studio: StudioApi,
  profile: string | undefined,
  resume: string | undefined,
  devices: ReturnType<typeof parseDeviceSelector> | undefined,
): Promise<string> {
  if (resume !== undefined)
    return (await call(studio, 'sweep:resume', { sweepId: resume })).sweepId;
  const loaded = await loadProfile(studio, profile!);
  const started = await call(studio, 'sweep:start', {
    profile: devices ? { ...loaded, devices } : loaded,
  });
  return started.sweepId;
}

/** The last run of every point that has one, as stored (a run gone from the store is left out). */
async function lastRuns(studio: StudioApi, details: SweepDetails): Promise<RunRecord[]> {
  const ids = details.points.flatMap((point) => point.runIds.slice(-1));
  const got = await Promise.all(ids.map((runId) => studio.invoke('run:get', { runId })));
  return got.flatMap((result) => (result.ok ? [result.value] : []));
}

async function printOutcome(
  { details, runs, stopped, report }: SweepOutcome,
  options: SweepOptions,
) {
  const document = sweepDocument(details, runs);
  console.log(options.json ? JSON.stringify(document, null, 2) : formatSweepSummary(details, runs));
  if (report !== null) console.error(reportLine(report));
  const failure = sweepFailure(details, stopped);
  if (failure !== null) throw new CommandFailure(failure);
}

/** One line per sweep: id, state, profile, when, counts. Pure. */
export function formatSweeps(sweeps: readonly SweepRecord[]): string {
  if (sweeps.length === 0) return 'no sweeps yet (edge-studio sweep PROFILE starts one)';
  return sweeps
    .map(({ id, state, profileName, createdAt, counts }) =>
      [
        id,
        state.padEnd(9),
        profileName,
        new Date(createdAt).toISOString(),
        `${counts.done}/${counts.planned} finished, ${counts.failed} failed, ${counts.infeasible} infeasible`,
      ].join('  '),
    )
    .join('\n');
}
