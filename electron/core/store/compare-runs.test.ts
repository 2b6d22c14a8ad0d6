import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunContext } from '../../../shared/run';
import { tempDataDir } from '../testing';
import { openDatabase, type StudioDatabase } from './database';
import { RunRepo } from './run-repo';
import { testRun, testSamples, testSummary } from './testing-runs';

let data: ReturnType<typeof tempDataDir>;
let db: StudioDatabase;
let repo: RunRepo;
beforeEach(() => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  repo = new RunRepo(db, data.dir);
});
afterEach(() => {
  db.close();
  data.cleanup();
});

const context = {
  model: 'Pixel 8',
  abi: 'arm64-v8a',
  emulated: false,
} as const satisfies Partial<RunContext>;

/** What Compare reads of these runs (none of them in a sweep asked for). */
const compareRuns = (...ids: string[]) => repo.compareRuns([], ids);

describe('compare_runs (migration 7)', () => {
  it('holds a run once it ends, as Compare groups it, and drops it when deleted', () => {
    const run = testRun('r1', 1, { quant: 'int4-g32' });
    repo.create(run);
    repo.setState('r1', 'running');
    db.prepare('UPDATE runs SET context = ? WHERE id = ?').run(JSON.stringify(context), 'r1');
    repo.appendSamples('r1', testSamples(0, 3));
    expect(compareRuns('r1')).toEqual([]);
    repo.finish('r1', 'finished', testSummary(40), { endedAt: 2 });
    expect(compareRuns('r1')).toEqual([
      {
        id: 'r1',
        state: 'finished',
        deviceKey: 'local/emulator-5554',
        sweepId: null,
        request: {
          model: 'builtin:tiny',
          scenario: { chunk: 64, sink: 4, window: 256, memory: 'on' },
          quant: run.request.quant,
          ep: 'cpu',
          threads: expect.any(Number),
        },
        measured: true,
        errorMessage: null,
        phone: context,
      },
    ]);
    repo.delete('r1');
    expect(compareRuns('r1')).toEqual([]);
  });

  it('keeps why a run failed, without a summary or a context', () => {
    repo.create(testRun('r1', 1));
    repo.setState('r1', 'failed', { error: { code: 'device-lost', message: 'gone' }, endedAt: 3 });
    expect(compareRuns('r1')).toMatchObject([
      { id: 'r1', state: 'failed', measured: false, errorMessage: 'gone', phone: null },
    ]);
  });

  it('reads the sweeps and the ids asked for, oldest first, ties in the order they were made', () => {
    for (const [id, createdAt, sweepId] of [
      ['late', 5, 's1'],
      ['tie-a', 2, 's1'],
      ['tie-b', 2, 's1'],
      ['other', 1, 's2'],
      ['loose', 3, null],
    ] as const) {
      repo.create({ ...testRun(id, createdAt), sweepId });
      repo.finish(id, 'finished', testSummary(10), { endedAt: 9 });
    }
    expect(repo.compareRuns(['s1'], ['loose']).map((run) => run.id)).toEqual([
      'tie-a',
      'tie-b',
      'loose',
      'late',
    ]);
  });

  it('lets a run live again (a resumed sweep re-running it) leave until it ends again', () => {
    repo.create(testRun('r1', 1));
    repo.finish('r1', 'cancelled', null, { endedAt: 2 });
    expect(compareRuns('r1')).toHaveLength(1);
    repo.setState('r1', 'running');
    expect(compareRuns('r1')).toEqual([]);
    repo.finish('r1', 'finished', testSummary(20), { endedAt: 4 });
    expect(compareRuns('r1')).toMatchObject([{ state: 'finished', measured: true }]);
  });

  it('ends a run whose request it cannot take apart, and Compare leaves that run out', () => {
    repo.create(testRun('odd', 1));
    repo.create(testRun('good', 2));
    db.prepare(`UPDATE runs SET request = '{"model": 42}' WHERE id = 'odd'`).run();
    expect(repo.finish('odd', 'finished', testSummary(10), { endedAt: 3 })).toBe(true);
    repo.finish('good', 'finished', testSummary(10), { endedAt: 3 });
    expect(db.prepare(`SELECT state FROM runs WHERE id = 'odd'`).pluck().get()).toBe('finished');
    expect(compareRuns('odd', 'good').map((run) => run.id)).toEqual(['good']);
  });

  it('answers a run already known without reading its row again', () => {
    repo.create(testRun('r1', 1));
    repo.finish('r1', 'finished', testSummary(10), { endedAt: 2 });
    const [first] = compareRuns('r1');
    const again = repo.compareRuns([], ['r1'], (id) => (id === 'r1' ? first : undefined));
    expect(again[0]).toBe(first);
  });

  it('is filled from the runs a version-6 store had ended', () => {
    repo.create(testRun('ended', 1));
    repo.finish('ended', 'finished', testSummary(10), { endedAt: 2 });
    repo.create(testRun('live', 2));
    repo.setState('live', 'running');
    // Back to version 6: the runs stay, Compare's table and its triggers go.
    db.exec(`DROP TRIGGER compare_runs_on_insert; DROP TRIGGER compare_runs_on_update;
      DROP TRIGGER compare_runs_on_delete; DROP TABLE compare_runs;`);
    db.pragma('user_version = 6');
    db.close();
    db = openDatabase(data.dir);
    repo = new RunRepo(db, data.dir);
    expect(compareRuns('ended', 'live').map((run) => run.id)).toEqual(['ended']);
  });
});
