import type { Command } from 'commander';
import { formatQuantSpec, parseQuantSpec } from '../../shared/quant-spec';
import { runListFilterSchema, type RunListFilter, type RunRecord } from '../../shared/run';
import { call, withStudio } from './cli-studio';
import { numberOption, parseOptions, type OptionsByField } from './cli-options';
import { mib, ms } from './format-run';
import { modelArgument } from './run-options';
import { UsageError } from './global-options';

/** The options of `edge-studio runs`, as commander hands them over. */
export interface RunsOptions {
  device?: string;
  model?: string;
  scenario?: string;
  quant?: string;
  state?: string;
  sweep?: string;
  limit: string;
  json?: boolean;
}

/** `edge-studio runs [filters]` lists the stored runs, newest first; `runs delete ID` drops one. */
export function registerRunsCommand(program: Command): void {
  const runs = program
    .command('runs')
    .description('list the stored runs, newest first')
    .option('--device <phone>', 'runs on this phone: its key, or its serial number')
    .option('--model <model>', 'runs of this model (a path or builtin:edge-infinite-tiny)')
    .option('--scenario <label>', 'runs of this scenario (c64-s4-w256-mem)')
    .option('--quant <spec>', 'runs with this quant spec')
    .option('--state <state>', 'runs in this state (finished, failed, …)')
    .option('--sweep <id>', 'runs of this sweep (edge-studio sweeps lists the ids)')
    .option('--limit <n>', 'at most n runs', '50')
    .option('--json', 'print the run records as JSON')
    .action(async (options: RunsOptions, command: Command) => {
      const { filter, serial, limit } = runsFilterOf(options);
      const { runs } = await withStudio(command, ({ studio }) => call(studio, 'run:list', filter));
      const kept = serial === undefined ? runs : onPhone(runs, serial, limit);
      console.log(options.json ? JSON.stringify(kept, null, 2) : formatRuns(kept));
    });
  runs
    .command('delete')
    .description('delete a stored run with its samples and artifacts')
    .argument('<id>', 'the run id (edge-studio runs lists them)')
    .action(async (runId: string, _options: unknown, command: Command) => {
      await withStudio(command, ({ studio }) => call(studio, 'run:delete', { runId }));
      console.log(`deleted run ${runId}`);
    });
}

/** What `runs` asks the store for, and the serial number it matches itself. */
export interface RunsQuery {
  filter: RunListFilter;
  serial?: string;
  limit: number;
}

/**
 * The `run:list` filter the options spell. The store filters by phone key; a serial number alone
 * (no host part) is matched here, over every run the other filters keep.
 */
export function runsFilterOf(options: RunsOptions): RunsQuery {
  const device = options.device;
  const serial = device !== undefined && !device.includes('/') ? device : undefined;
  const limit = numberOption('--limit', options.limit, { min: 1, max: 10_000, whole: true });
  const filter = parseOptions(
    runListFilterSchema,
    {
      device: serial === undefined ? device : undefined,
      model: options.model === undefined ? undefined : modelArgument(options.model),
      scenario: options.scenario,
      quant: options.quant === undefined ? undefined : canonicalQuant(options.quant),
      state: options.state as RunListFilter['state'],
      sweepId: options.sweep,
      limit: serial === undefined ? limit : 10_000,
    },
    filterOptions,
  );
  return { filter, serial, limit };
}

const filterOptions: OptionsByField = [
  ...['device', 'model', 'scenario', 'state'].map((field) => [field, `--${field}`] as const),
  ['sweepId', '--sweep'],
];

/** The store keeps the canonical spec (`int4-g32` is `int4-g32:nbits`). */
function canonicalQuant(text: string): string {
  const spec = parseQuantSpec(text);
  if (!spec.ok) throw new UsageError(`--quant: ${spec.error.message}`);
  return formatQuantSpec(spec.value);
}

function onPhone(runs: readonly RunRecord[], serial: string, limit: number): RunRecord[] {
  return runs.filter((run) => run.deviceKey.endsWith(`/${serial}`)).slice(0, limit);
}

/** One line per run: id, when, phone, scenario, quant, state, TTFT median, peak memory. Pure. */
export function formatRuns(runs: readonly RunRecord[]): string {
  if (runs.length === 0) return 'no runs';
  const header = ['ID', 'WHEN (UTC)', 'PHONE', 'SCENARIO', 'QUANT', 'STATE', 'TTFT', 'PEAK'];
  const rows = runs.map((run) => [
    run.id,
    new Date(run.createdAt).toISOString().slice(0, 19).replace('T', ' '),
    run.deviceKey,
    run.scenario,
    run.quant,
    run.state,
    run.summary?.stats.ttftMs ? ms(run.summary.stats.ttftMs.median) : '-',
    peakOf(run),
  ]);
  const widths = header.map((_, k) => Math.max(...[header, ...rows].map((row) => row[k]!.length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, k) => cell.padEnd(widths[k]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function peakOf(run: RunRecord): string {
  const peak = run.summary?.memory?.peakBytes ?? run.summary?.stats.peakRssBytes?.median;
  return peak === undefined ? '-' : mib(peak);
}
