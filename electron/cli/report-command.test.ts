import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioRoot } from '../core/paths';
import { openDatabase } from '../core/store/database';
import { RunRepo } from '../core/store/run-repo';
import { SweepRepo } from '../core/store/sweep-repo';
import { testRun, testSummary } from '../core/store/testing-runs';
import { tempDataDir } from '../core/testing';
import { profileSchema } from '../../shared/profile';
import { reportFormatOf } from './report-options';

const bin = `${studioRoot()}/electron/cli/edge-studio.mjs`;
const data = tempDataDir();
afterAll(() => data.cleanup());

/** Sweeps s1 and s2 on one phone, one configuration each, s2's TTFT 50 % slower. */
beforeAll(() => {
  const db = openDatabase(data.dir);
  const runs = new RunRepo(db);
  const sweeps = new SweepRepo(db);
  const profile = profileSchema.parse({ version: 1, name: 'ci', model: 'builtin:tiny' });
  for (const [sweepId, ms] of [
    ['s1', 100],
    ['s2', 150],
  ] as const) {
    const run = { ...testRun(`${sweepId}-r1`, 10, { device: 'local/p1' }), sweepId };
    const point = {
      sweepId,
      pointKey: run.scenario,
      plannedDevice: run.deviceKey,
      deviceKey: run.deviceKey,
      request: run.request,
      status: 'finished' as const,
      reason: null,
      runIds: [run.id],
      attempts: 1,
    };
    sweeps.create({
      id: sweepId,
      profile,
      createdAt: 1,
      concurrency: null,
      concurrencyNote: null,
      points: [point],
    });
    sweeps.setState(sweepId, 'finished', { endedAt: 2 });
    runs.create(run);
    runs.finish(run.id, 'finished', testSummary(ms), { endedAt: 11 });
  }
  db.close();
});

/** Runs the real CLI on the seeded data dir; resolves with its exit code and output. */
async function edgeStudio(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [bin, '--data', data.dir, ...args],
      { encoding: 'utf8', timeout: 90_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('edge-studio report', () => {
  it('writes a sweep HTML report to --out and says where', async () => {
    const out = join(data.dir, 'ci.html');
    const { code, stdout } = await edgeStudio('report', 's1', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain(`HTML report of sweep s1 written to ${out}`);
    const page = new JSDOM(readFileSync(out, 'utf8')).window.document;
    expect(page.querySelector('#charts svg.recharts-surface')).not.toBeNull();
    expect(page.querySelectorAll('#statistics tbody tr')).toHaveLength(1);
  }, 120_000);

  it('writes a diff as CSV, the slower sweep flagged a regression', async () => {
    const out = join(data.dir, 'diff.csv');
    const { code, stdout } = await edgeStudio('report', 'diff', 's1', 's2', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('report of sweep s2 against s1');
    const rows: Record<string, string>[] = parse(readFileSync(out, 'utf8'), { columns: true });
    expect(rows.find((row) => row.metric === 'ttftMs')).toMatchObject({ verdict: 'regression' });
  }, 120_000);

  it('exits 2 on a file that is no report format, 1 on a sweep not in the store', async () => {
    const usage = await edgeStudio('report', 's1', '--out', join(data.dir, 'r.txt'));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('a report file ends in .html, .csv or .json');
    const missing = await edgeStudio('report', 'nope', '--format', 'json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No sweep nope');
  }, 120_000);
});

describe('reportFormatOf', () => {
  it('takes the format from --out, checks --format against it, defaults to HTML', () => {
    expect(reportFormatOf(undefined)).toBe('html');
    expect(reportFormatOf(undefined, 'CSV')).toBe('csv');
    expect(reportFormatOf('r.JSON')).toBe('json');
    expect(() => reportFormatOf('r.csv', 'json')).toThrow(/not a json file/);
    expect(() => reportFormatOf(undefined, 'pdf')).toThrow(/one of html, csv, json/);
  });
});
