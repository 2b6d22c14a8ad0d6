import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRequestInput } from '../../../shared/run';
import { studioRoot } from '../paths';
import { openDatabase, type StudioDatabase } from '../store/database';
import { RunRepo } from '../store/run-repo';
import { SweepRepo } from '../store/sweep-repo';
import { tempDataDir } from '../testing';
import { buildReport, type ReportSources } from './report-build';
import { diffCsvColumns, sweepCsvColumns } from './report-csv';
import { reportDocumentSchema } from './report-document';
import { reportHandlers } from './report-handlers';
import { reportJsonSchema, reportSchemaFile } from './report-schema';
import { ReportShelf } from './report-shelf';
import { seedFinishedRun, seedSweep, testPoint } from './testing-compare-store';

let data: ReturnType<typeof tempDataDir>;
let db: StudioDatabase;
let sources: ReportSources;
let clock = 1_764_000_000_000;

const fast: Partial<RunRequestInput> = {};
const wide: Partial<RunRequestInput> = {
  scenario: { chunk: 64, sink: 4, window: 512, memory: 'on' },
};
const huge: Partial<RunRequestInput> = {
  scenario: { chunk: 64, sink: 4, window: 2048, memory: 'on' },
};
const range = (from: number) => [0, 1, 2, 3, 4].map((k) => from + k);

/** Sweep `id` on phone p1: `fast` and `wide` finished (TTFT from `fastMs` / 200 ms), `huge` infeasible. */
function seed(sweeps: SweepRepo, runs: RunRepo, id: string, fastMs: number): void {
  const device = 'local/p1';
  const finished = [
    [`${id}-r1`, fast, fastMs],
    [`${id}-r2`, wide, 200],
  ] as const;
  const points = [
    ...finished.map(([runId, request]) =>
      testPoint(id, device, request, 'finished', { runIds: [runId] }),
    ),
    testPoint(id, device, huge, 'infeasible', { reason: 'needs 3.1 GiB, half the RAM is 2 GiB' }),
  ];
  seedSweep(sweeps, id, points, { maxPeakMemoryMb: 512 });
  for (const [k, [runId, request, ms]] of finished.entries()) {
    const run = { id: runId, createdAt: 10 + k, sweepId: id, device };
    seedFinishedRun(runs, run, request, { ttftMs: range(ms), peakMib: 300 + k * 100 });
  }
}

beforeEach(() => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  const runs = new RunRepo(db);
  const sweeps = new SweepRepo(db);
  seed(sweeps, runs, 's1', 100);
  seed(sweeps, runs, 's2', 150);
  sources = {
    runs,
    sweeps,
    shelf: new ReportShelf(data.dir),
    outAnywhere: true,
    now: () => clock++,
  };
});

afterEach(() => {
  db.close();
  data.cleanup();
});

const schemaFile = join(studioRoot(), reportSchemaFile);

describe('report schema', () => {
  it('commits the JSON schema the zod schema generates (npm run reports:schema)', () => {
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(reportJsonSchema());
  });
});

describe('buildReport on a real store', () => {
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

  it('writes a sweep JSON report that the published schema and the zod schema accept', async () => {
    const built = await buildReport(sources, { sweepId: 's1', format: 'json' });
    if (!built.ok) throw new Error(built.error.message);
    const document = JSON.parse(readFileSync(built.value.file, 'utf8'));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const parsed = reportDocumentSchema.parse(document);
    if (parsed.kind !== 'sweep-report') throw new Error('not a sweep report');
    expect(parsed.runs.map((run) => run.id).sort()).toEqual(['s1-r1', 's1-r2']);
    const statuses = parsed.compare.configurations.map((item) => item.status).sort();
    expect(statuses).toEqual(['infeasible', 'measured', 'measured']);
    expect(built.value).toMatchObject({ format: 'json', sweepId: 's1', against: null });
    expect(built.value.file.startsWith(join(data.dir, 'reports'))).toBe(true);
  });

  it('writes a CSV of every configuration and run, one row per metric, parsed back', async () => {
    const out = join(data.dir, 's1.csv');
    const built = await buildReport(sources, { sweepId: 's1', format: 'csv', out });
    expect(built.ok && built.value.file).toBe(out);
    const rows: Record<string, string>[] = parse(readFileSync(out, 'utf8'), { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([...sweepCsvColumns]);
    const ttft = rows.filter((row) => row.metric === 'ttftMs');
    // Two measured configurations and their two runs: a TTFT row each, the same median.
    expect(ttft.map((row) => row.row).sort()).toEqual([
      'configuration',
      'configuration',
      'run',
      'run',
    ]);
    const fastRows = ttft.filter((row) => row.run_id === 's1-r1');
    expect(fastRows.map((row) => Number(row.median))).toEqual([102, 102]);
    expect(fastRows.every((row) => Number(row.ci_low) <= 102 && Number(row.ci_high) >= 102)).toBe(
      true,
    );
    const infeasible = rows.filter((row) => row.status === 'infeasible');
    expect(infeasible).toHaveLength(1);
    expect(infeasible[0]).toMatchObject({
      metric: '',
      reason: 'needs 3.1 GiB, half the RAM is 2 GiB',
    });
  });

  it('writes a diff of two sweeps as CSV, JSON and HTML, the regression flagged', async () => {
    const args = { sweepId: 's2', against: 's1' } as const;
    const csv = await buildReport(sources, { ...args, format: 'csv' });
    if (!csv.ok) throw new Error(csv.error.message);
    const rows: Record<string, string>[] = parse(readFileSync(csv.value.file, 'utf8'), {
      columns: true,
    });
    expect(Object.keys(rows[0]!)).toEqual([...diffCsvColumns]);
    const fastTtft = rows.find((row) => row.metric === 'ttftMs' && row.a_median === '102');
    expect(fastTtft).toMatchObject({ b_median: '152', verdict: 'regression' });
    const json = await buildReport(sources, { ...args, format: 'json' });
    const document = JSON.parse(readFileSync(json.ok ? json.value.file : '', 'utf8'));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document).toMatchObject({ kind: 'report-diff', diff: { a: 's1', b: 's2' } });
    const html = await buildReport(sources, { ...args, format: 'html' });
    const page = new JSDOM(readFileSync(html.ok ? html.value.file : '', 'utf8')).window.document;
    expect(page.querySelectorAll('#regressions li')).toHaveLength(document.diff.regressions);
    expect(page.querySelectorAll('#diff .verdict-regression').length).toBeGreaterThan(0);
  });

  it('refuses an out that does not end in the format, outside the shelf from a window, and a sweep not in the store', async () => {
    const wrong = await buildReport(sources, { sweepId: 's1', format: 'html', out: 'r.csv' });
    expect(!wrong.ok && wrong.error.code).toBe('invalid-args');
    const window = { ...sources, outAnywhere: false };
    const outside = await buildReport(window, {
      sweepId: 's1',
      format: 'csv',
      out: join(data.dir, 'r.csv'),
    });
    expect(!outside.ok && outside.error.message).toMatch(/reports from a window go into/);
    const inside = join(data.dir, 'reports', 'mine.csv');
    const shelved = await buildReport(window, { sweepId: 's1', format: 'csv', out: inside });
    expect(shelved.ok && shelved.value.file).toBe(inside);
    const missing = await buildReport(sources, { sweepId: 'nope', format: 'csv' });
    expect(!missing.ok && missing.error.code).toBe('not-found');
    const diff = await buildReport(sources, { sweepId: 's1', against: 'nope', format: 'csv' });
    expect(!diff.ok && diff.error.code).toBe('not-found');
  });

  it('lists the reports written that are still there, newest first (report:list)', async () => {
    const handlers = reportHandlers(sources);
    const first = await handlers['report:build']({ sweepId: 's1', format: 'csv' });
    const second = await handlers['report:build']({ sweepId: 's2', format: 'json' });
    const listed = await handlers['report:list']({});
    const files = listed.ok ? listed.value.reports.map((entry) => entry.file) : [];
    expect(files).toEqual([second, first].map((built) => (built.ok ? built.value.file : '')));
  });
});
