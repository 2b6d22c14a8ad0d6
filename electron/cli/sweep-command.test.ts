import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../shared/profile';
import type { RunRecord } from '../../shared/run';
import { countPerPhone, countPoints, type SweepDetails, type SweepPoint } from '../../shared/sweep';
import { testPoint } from '../core/sweeps/testing-sweep';
import { UsageError } from './global-options';
import { createProgram } from './main';
import { formatSweeps } from './sweep-command';
import { parseDeviceSelector } from './sweep-options';
import { settledPoints } from '../../shared/sweep-pace';
import { phonePayload, pointLine } from './sweep-progress';
import { checkReportFile } from './sweep-report';
import { formatSweepSummary, sweepDocument, sweepFailure, totalsLine } from './sweep-summary';

const profile = profileSchema.parse({
  version: 1,
  name: 'ci',
  model: 'builtin:edge-infinite-tiny',
});

function details(points: SweepPoint[], state: SweepDetails['sweep']['state'] = 'finished') {
  const sweep = {
    id: 's1',
    profileName: 'ci',
    profile,
    state,
    createdAt: 0,
    endedAt: 1,
    error: null,
    counts: countPoints(points),
    perPhone: countPerPhone(points),
    concurrency: 2,
    concurrencyNote: null,
  };
  return { sweep, points };
}

function point(key: string, device: string, fields: Partial<SweepPoint>): SweepPoint {
  return { ...testPoint(key, device), ...fields };
}

function finishedRun(id: string, median: number, peakBytes: number, cosine: number): RunRecord {
  const ttftMs = { median, ciLow: median - 1, ciHigh: median + 2, p90: median, n: 2 };
  const summary = {
    stats: { ttftMs },
    memory: { peakBytes },
    pssPeakBytes: null,
    accuracy: { total: { cosineMean: cosine } },
  };
  return { id, state: 'finished', summary } as unknown as RunRecord;
}

describe('parseDeviceSelector', () => {
  it('reads FIELD=VALUE terms, repeats as lists, bare terms as serials', () => {
    expect(parseDeviceSelector('model=Pixel,model=Galaxy,emulated=false,ABC123')).toEqual({
      model: ['Pixel', 'Galaxy'],
      serial: ['ABC123'],
      emulated: false,
    });
    expect(parseDeviceSelector('host=127.0.0.1:5037,abi=arm64-v8a')).toEqual({
      host: ['127.0.0.1:5037'],
      abi: ['arm64-v8a'],
    });
  });

  it('refuses unknown fields, empty terms and a non-boolean emulated', () => {
    for (const bad of ['colour=red', 'model=Pixel,,soc=x', 'emulated=yes', 'model=']) {
      expect(() => parseDeviceSelector(bad)).toThrow(UsageError);
    }
  });
});

describe('the sweep summary', () => {
  const points = [
    point('c16', 'A', { status: 'finished', runIds: ['r1'] }),
    point('c16', 'B', { status: 'infeasible', reason: 'needs 900 MiB of 512 MiB' }),
    point('c32', 'A', { status: 'failed', reason: 'device-lost', runIds: ['r2'] }),
  ];
  const runs = [finishedRun('r1', 120.25, 50 * 2 ** 20, 0.99871)];

  it('has a row per point and phone with TTFT median and CI, peak memory, fidelity, state', () => {
    const lines = formatSweepSummary(details(points), runs).split('\n');
    expect(lines[0]).toBe('sweep s1  finished  profile ci');
    expect(lines[2]).toMatch(
      /^c16 +A +120\.3 ms \(119\.3–122\.3\) +50\.0 MiB +cosine 0\.9987 +finished$/,
    );
    expect(lines[3]).toMatch(/^c16 +B +- +- +- +infeasible: needs 900 MiB of 512 MiB$/);
    expect(lines[4]).toMatch(/^c32 +A +- +- +- +failed: device-lost$/);
    expect(lines[5]).toBe(totalsLine(details(points)));
    expect(lines[5]).toBe('total: 3 runs on 2 phones: 1 finished, 1 failed, 1 infeasible');
  });

  it("says which of the profile's budgets a finished run breaks, beside its state", () => {
    const budgeted = details(points);
    budgeted.sweep.profile = { ...profile, budgets: { maxTtftMs: 100, minFidelity: 0.99 } };
    const lines = formatSweepSummary(budgeted, runs).split('\n');
    expect(lines[2]).toMatch(/ finished, over budget: TTFT 120 ms > 100 ms$/);
    // A point with no finished run breaks nothing it could be measured on.
    expect(lines[4]).toMatch(/ failed: device-lost$/);
    budgeted.sweep.profile = { ...profile, budgets: { maxTtftMs: 200 } };
    expect(formatSweepSummary(budgeted, runs).split('\n')[2]).toMatch(/ finished$/);
  });

  it('fails for a failed run, not for an infeasible one, and says how to resume a dead sweep', () => {
    expect(sweepFailure(details(points), false)).toMatch(/^1 of 3 runs failed \(first: c32 on A/);
    const clean = points.filter((each) => each.status !== 'failed');
    expect(sweepFailure(details(clean), false)).toBeNull();
    expect(sweepFailure(details(clean, 'cancelled'), true)).toBe('sweep s1 stopped on the phones');
    expect(sweepFailure(details(clean, 'failed'), false)).toContain('--resume s1');
  });

  it('documents the sweep with its runs, and lists sweeps', () => {
    const document = sweepDocument(details(points), runs);
    expect(document.runs.map((run) => run.id)).toEqual(['r1']);
    expect(document.points).toHaveLength(3);
    expect(formatSweeps([details(points).sweep])).toMatch(
      /^s1 {2}finished +ci {2}1970-01-01T00:00:00.000Z {2}1\/3 finished, 1 failed, 1 infeasible$/,
    );
    expect(formatSweeps([])).toContain('no sweeps yet');
  });
});

describe('the progress view and --report', () => {
  it('counts ended points and names the current one', () => {
    const counts = countPoints([
      point('a', 'A', { status: 'finished' }),
      point('b', 'A', { status: 'running' }),
      point('c', 'A', { status: 'infeasible' }),
    ]);
    expect(settledPoints(counts)).toBe(2);
    expect(phonePayload(counts, 'b', null)).toEqual({
      done: 1,
      failed: 0,
      infeasible: 1,
      current: 'b',
      eta: 'after its first run',
    });
    expect(phonePayload(counts, null, 200)).toMatchObject({ current: '-', eta: '3 min 20 s' });
    expect(pointLine(point('a', 'A', { status: 'pending' }))).toBeNull();
    expect(pointLine(point('a', 'A', { status: 'pending', reason: 'moved from B' }))).toBe(
      'a on A: pending (moved from B)',
    );
  });

  it('accepts .html, .csv and .json reports and refuses any other file or a missing folder', () => {
    for (const file of ['out.html', 'r.csv', 'R.JSON'])
      expect(() => checkReportFile(file)).not.toThrow();
    expect(() => checkReportFile(undefined)).not.toThrow();
    expect(() => checkReportFile('r.txt')).toThrow(/ends in .html, .csv or .json/);
    expect(() => checkReportFile('no/such/folder/r.csv')).toThrow(UsageError);
  });
});

describe('edge-studio sweep usage', () => {
  const parse = (args: string[]) =>
    createProgram()
      .exitOverride()
      .parseAsync(['node', 'edge-studio', ...args]);

  it('refuses before opening the studio: no profile, both a profile and --resume, a .txt report', async () => {
    await expect(parse(['sweep'])).rejects.toThrow(/name a PROFILE to sweep, or --resume ID/);
    await expect(parse(['sweep', 'ci', '--resume', 's1'])).rejects.toThrow(UsageError);
    await expect(parse(['sweep', 'ci', '--report', 'r.txt'])).rejects.toThrow(
      /\.html, \.csv or \.json/,
    );
    await expect(parse(['sweep', 'ci', '--devices', 'colour=red'])).rejects.toThrow(UsageError);
  });
});
