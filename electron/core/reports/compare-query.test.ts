import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compareQuerySchema, compareResultSchema } from '../../../shared/compare';
import type { RunRequestInput } from '../../../shared/run';
import { tempDataDir } from '../testing';
import { openDatabase, type StudioDatabase } from '../store/database';
import { RunRepo } from '../store/run-repo';
import { SweepRepo } from '../store/sweep-repo';
import { testRun } from '../store/testing-runs';
import { compareQuery, poolSweep } from './compare-query';
import { CompareRunCache, poolKey } from './compare-run-cache';
import { compareSignificance } from './compare-significance';
import { reportDiff } from './report-diff';
import { seedFinishedRun, seedSweep, testPoint } from './testing-compare-store';

let data: ReturnType<typeof tempDataDir>;
let db: StudioDatabase;
let runs: RunRepo;
let sweeps: SweepRepo;

const x: Partial<RunRequestInput> = {};
const y: Partial<RunRequestInput> = { scenario: { chunk: 32, sink: 4, window: 256, memory: 'on' } };
const z: Partial<RunRequestInput> = { quant: 'float' };
const small: Partial<RunRequestInput> = {
  scenario: { chunk: 16, sink: 4, window: 64, memory: 'on' },
};
const range = (from: number) => [0, 1, 2, 3, 4].map((k) => from + k);

/**
 * Sweep s1 on phones p1 and p2 (budget 512 MiB): x on p1 (r1) and p2 (r5), y on p1 (r3, the
 * fastest, 700 MiB), z on p1 (r4, slower and bigger than x), y infeasible on p2, small failed on
 * p1 (r6). r7 is x on p1 outside any sweep, picked by id.
 */
beforeEach(() => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  runs = new RunRepo(db);
  sweeps = new SweepRepo(db);
  const seed = (
    id: string,
    device: string,
    request: Partial<RunRequestInput>,
    ttft: number,
    peakMib: number,
    sweepId: string | null = 's1',
  ) =>
    seedFinishedRun(runs, { id, createdAt: Number(id.slice(1)), sweepId, device }, request, {
      ttftMs: range(ttft),
      peakMib,
      tokenKl: [0.01, 0.02, 0.03],
    });
  seed('r1', 'p1', x, 100, 400);
  seed('r3', 'p1', y, 80, 700);
  seed('r4', 'p1', z, 120, 800);
  seed('r5', 'p2', x, 200, 400);
  seed('r7', 'p1', x, 105, 400, null);
  runs.create({ ...testRun('r6', 6, { ...small, device: 'p1' }), sweepId: 's1' });
  runs.setState('r6', 'failed', { error: { code: 'command-failed', message: 'runner exited 1' } });
  seedSweep(
    sweeps,
    's1',
    [
      testPoint('s1', 'p1', x, 'finished', { runIds: ['r1'] }),
      testPoint('s1', 'p1', y, 'finished', { runIds: ['r3'] }),
      testPoint('s1', 'p1', z, 'finished', { runIds: ['r4'] }),
      testPoint('s1', 'p2', x, 'finished', { runIds: ['r5'] }),
      testPoint('s1', 'p2', y, 'infeasible', { reason: 'weights + state 9 GiB over 4 GiB' }),
      testPoint('s1', 'p1', small, 'failed', { runIds: ['r6'] }),
    ],
    { maxPeakMemoryMb: 512 },
  );
});
afterEach(() => {
  db.close();
  data.cleanup();
});

const query = (input: Parameters<typeof compareQuerySchema.parse>[0]) =>
  compareResultSchema.parse(compareQuery(runs, sweeps, compareQuerySchema.parse(input)));

describe('compareQuery on a real store', () => {
  it('pools a sweep and a picked run per phone, with infeasible and failed points', () => {
    const result = query({ sweepIds: ['s1'], runIds: ['r7'] });
    const byLabel = Object.fromEntries(
      result.configurations.map((config) => [`${config.deviceKey} ${config.label}`, config]),
    );
    expect(Object.keys(byLabel).sort()).toEqual([
      'p1 c16-s4-w64-mem · int8-channel:qdq',
      'p1 c32-s4-w256-mem · int8-channel:qdq',
      'p1 c64-s4-w256-mem · float',
      'p1 c64-s4-w256-mem · int8-channel:qdq',
      'p2 c32-s4-w256-mem · int8-channel:qdq',
      'p2 c64-s4-w256-mem · int8-channel:qdq',
    ]);
    const pooled = byLabel['p1 c64-s4-w256-mem · int8-channel:qdq']!;
    expect(pooled).toMatchObject({
      status: 'measured',
      runIds: ['r1', 'r7'],
      sweepIds: ['s1'],
      emulated: true,
    });
    // 100…109: median 104.5; the order-statistic interval of n = 10 is ranks 1 and 10.
    expect(pooled.stats.ttftMs).toMatchObject({ n: 10, median: 104.5, ciLow: 100, ciHigh: 109 });
    // One run keeps the statistics it was stored with.
    const single = byLabel['p1 c64-s4-w256-mem · float']!;
    expect(single.stats).toEqual(runs.get('r4')!.summary!.stats);
    const tests = compareSignificance(
      sweeps,
      { sweepIds: ['s1'], runIds: ['r7'], scope: 'per-phone', a: pooled.key, b: single.key },
      new CompareRunCache(runs),
    );
    if (!tests.ok) throw new Error(tests.error.message);
    // Every counted TTFT of r1 and r7 (5 each) and every token's KL (3 each).
    expect(tests.value.map((test) => test.nA)).toEqual([10, 6]);
    expect(pooled.prefillTimeline).toEqual([
      { i: 0, computeMs: 10, stateMs: 1 },
      { i: 1, computeMs: 11, stateMs: 1.1 },
    ]);
    expect(byLabel['p2 c32-s4-w256-mem · int8-channel:qdq']).toMatchObject({
      status: 'infeasible',
      reason: 'weights + state 9 GiB over 4 GiB',
      stats: {},
    });
    expect(byLabel['p1 c16-s4-w64-mem · int8-channel:qdq']).toMatchObject({
      status: 'failed',
      reason: 'runner exited 1',
    });
  });

  it("marks each phone's frontier, the budget breaches and recommends under the sweep's budgets", () => {
    const result = query({ sweepIds: ['s1'] });
    expect(result.budgets).toEqual({ maxPeakMemoryMb: 512 });
    const p1 = result.configurations.filter((config) => config.deviceKey === 'p1');
    const flags = Object.fromEntries(
      p1.map((config) => [config.label, [config.pareto, config.overBudget]]),
    );
    expect(flags).toEqual({
      'c64-s4-w256-mem · int8-channel:qdq': [true, []],
      'c32-s4-w256-mem · int8-channel:qdq': [true, ['peak 700 MiB > 512 MiB']],
      'c64-s4-w256-mem · float': [false, ['peak 800 MiB > 512 MiB']],
      'c16-s4-w64-mem · int8-channel:qdq': [false, []],
    });
    const [first, second] = result.recommendations;
    expect(first).toMatchObject({
      deviceKey: 'p1',
      best: 'p1|builtin:tiny|c64-s4-w256-mem|int8-channel:qdq|cpu|1',
      fastest: 'p1|builtin:tiny|c32-s4-w256-mem|int8-channel:qdq|cpu|1',
    });
    expect(first!.ttftRatio).toBeCloseTo(102 / 82, 10);
    expect(second).toMatchObject({ deviceKey: 'p2', ttftRatio: 1 });
    expect(result.phones).toEqual([
      { deviceKey: 'p1', model: 'Pixel 8', abi: 'arm64-v8a', emulated: true },
      { deviceKey: 'p2', model: 'Pixel 8', abi: 'arm64-v8a', emulated: true },
    ]);
  });

  it('pools every phone farm-wide, and takes the budgets given over the profile', () => {
    const result = query({ sweepIds: ['s1'], scope: 'farm', budgets: { maxTtftMs: 90 } });
    const x = result.configurations.find(
      (config) => config.key === 'farm|builtin:tiny|c64-s4-w256-mem|int8-channel:qdq|cpu|1',
    )!;
    // The median of 100…104 and 200…204 is (104 + 200) / 2.
    expect(x).toMatchObject({
      deviceKey: null,
      runIds: ['r1', 'r5'],
      overBudget: ['TTFT 152 ms > 90 ms'],
    });
    // y measured on p1 is measured farm-wide, its infeasible point on p2 notwithstanding.
    const y = result.configurations.find(
      (config) => config.label === 'c32-s4-w256-mem · int8-channel:qdq',
    )!;
    expect(y).toMatchObject({ status: 'measured', runIds: ['r3'], overBudget: [], reason: null });
    expect(result.recommendations).toEqual([
      expect.objectContaining({ deviceKey: null, best: y.key, fastest: y.key }),
    ]);
  });
});

describe('CompareRunCache', () => {
  const query = (scope: 'per-phone' | 'farm' = 'per-phone') =>
    compareQuerySchema.parse({ sweepIds: ['s1'], scope });

  it('reads each ended run once, and drops a deleted one', () => {
    const cache = new CompareRunCache(runs);
    const first = cache.load(['s1'], ['r7']).map((run) => run.id);
    expect(first).toEqual(['r1', 'r3', 'r4', 'r5', 'r6', 'r7']);
    const kept = cache.load(['s1'], [])[0];
    expect(cache.load(['s1'], [])[0]).toBe(kept);
    runs.delete('r1');
    expect(cache.load(['s1'], []).map((run) => run.id)).toEqual(['r3', 'r4', 'r5', 'r6']);
    // x on p1 had only r1 in the sweep: it is gone with it.
    expect(compareQuery(runs, sweeps, query(), cache).configurations).toHaveLength(5);
  });

  it('stores what runs pool to: a later studio reads no summary, until a run is deleted', () => {
    const first = compareQuery(runs, sweeps, query('farm'), new CompareRunCache(runs));
    const summaries = vi.spyOn(runs, 'compareSummaries');
    const again = compareQuery(runs, sweeps, query('farm'), new CompareRunCache(runs));
    expect(summaries).not.toHaveBeenCalled();
    expect(again.configurations).toEqual(first.configurations);
    runs.delete('r1');
    const after = compareQuery(runs, sweeps, query('farm'), new CompareRunCache(runs));
    expect(summaries).toHaveBeenCalled();
    const x5 = after.configurations.find((config) => config.runIds.includes('r5'))!;
    expect(x5).toMatchObject({ runIds: ['r5'] });
    expect(x5.stats.ttftMs).toEqual(runs.get('r5')!.summary!.stats.ttftMs);
    summaries.mockRestore();
  });

  it('pools an ended sweep ahead: its first Compare in a later studio reads no summary', () => {
    poolSweep(sweeps, 's1', new CompareRunCache(runs));
    const summaries = vi.spyOn(runs, 'compareSummaries');
    const fresh = new CompareRunCache(runs);
    for (const scope of ['per-phone', 'farm'] as const)
      expect(compareQuery(runs, sweeps, query(scope), fresh).configurations.length).toBeGreaterThan(
        0,
      );
    expect(summaries).not.toHaveBeenCalled();
    summaries.mockRestore();
  });

  it('pools again over a stored pool it cannot read', () => {
    const cache = new CompareRunCache(runs);
    const first = compareQuery(runs, sweeps, query(), cache).configurations;
    const measured = first.filter((config) => config.status === 'measured');
    const damaged = new Map(
      measured.map((config) => [
        poolKey(config.runIds.map((id) => ({ id }))),
        { figures: '{"stats": 3}', testValues: '[]' },
      ]),
    );
    runs.pools.put(damaged);
    const again = compareQuery(runs, sweeps, query(), new CompareRunCache(runs));
    expect(again.configurations).toEqual(first);
  });

  it('keeps at most its limit of runs, the least recently used dropped first', () => {
    const cache = new CompareRunCache(runs, 2);
    expect(cache.load(['s1'], [])).toHaveLength(5);
    expect(cache.load([], ['r1', 'r3']).map((run) => run.id)).toEqual(['r1', 'r3']);
  });
});

describe('reportDiff on a real store', () => {
  it('flags the configuration whose TTFT interval moved above, and not-found sweeps', () => {
    seedFinishedRun(runs, { id: 'r8', createdAt: 8, sweepId: 's2', device: 'p1' }, x, {
      ttftMs: range(150),
      peakMib: 400,
    });
    seedFinishedRun(runs, { id: 'r9', createdAt: 9, sweepId: 's2', device: 'p1' }, y, {
      ttftMs: range(80),
      peakMib: 700,
    });
    seedSweep(sweeps, 's2', [
      testPoint('s2', 'p1', x, 'finished', { runIds: ['r8'] }),
      testPoint('s2', 'p1', y, 'finished', { runIds: ['r9'] }),
    ]);
    const diff = reportDiff(runs, sweeps, { a: 's1', b: 's2', scope: 'per-phone' });
    if (!diff.ok) throw new Error(diff.error.message);
    const row = (label: string) =>
      diff.value.rows.find((each) => each.label === label && each.deviceKey === 'p1')!;
    const ttft = (label: string) => row(label).cells.find((cell) => cell.metric === 'ttftMs')!;
    expect(ttft('c64-s4-w256-mem · int8-channel:qdq').verdict).toBe('regression');
    expect(ttft('c32-s4-w256-mem · int8-channel:qdq').verdict).toBe('unchanged');
    expect(row('c64-s4-w256-mem · float').presence).toBe('only-a');
    expect(diff.value.regressions).toBeGreaterThanOrEqual(1);
    expect(reportDiff(runs, sweeps, { a: 's1', b: 'nope', scope: 'farm' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
