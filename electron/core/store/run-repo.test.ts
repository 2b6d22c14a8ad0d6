import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runListFilterSchema, type RunContext } from '../../../shared/run';
import { tempDataDir } from '../testing';
import { databaseFileName, openDatabase, type StudioDatabase } from './database';
import { migrations } from './migrations';
import { interruptedError, isOwnerAlive, runOwner, RunRepo, runFilesDir } from './run-repo';
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

const context: RunContext = {
  deviceKey: 'local/emulator-5554',
  model: 'Pixel 8',
  abi: 'x86_64',
  emulated: true,
  capturedAt: '2025-01-01T00:00:00.000Z',
  fingerprint: 'google/husky/husky:14',
  kernel: '6.1.0',
  governor: 'schedutil',
  cpuFreqKhz: [1_800_000, null],
  thermal: 'none',
  batteryPercent: 80,
  batteryCelsius: 30,
  studioVersion: '0.1.0',
  runtime: { bundle: 'built-x86_64', runner: 'edge-runner', runnerVersion: '1', ort: '1.30.0' },
  ep: 'cpu',
  threads: 1,
  graphs: { key: 'k', prefill: 'p', decode: 'd' },
};

describe('RunRepo records', () => {
  it('round-trips a run through create, state, context and finish', () => {
    const run = testRun('r1', 1000);
    expect(repo.create(run)).toMatchObject({
      id: 'r1',
      state: 'queued',
      samples: 0,
      summary: null,
    });
    repo.setState('r1', 'running');
    repo.setContext('r1', context);
    repo.appendSamples('r1', testSamples(0, 7));
    expect(repo.finish('r1', 'finished', testSummary(40), { endedAt: 2000 })).toBe(true);
    expect(repo.get('r1')).toEqual({
      ...run,
      sweepId: null,
      state: 'finished',
      endedAt: 2000,
      error: null,
      context,
      summary: testSummary(40),
      samples: 7,
    });
    expect(repo.stats('r1')).toEqual(testSummary(40).stats);
    expect(repo.get('missing')).toBeNull();
  });

  it('keeps the error of a failed state and refuses to finish a run in a live state', () => {
    repo.create(testRun('r1', 1));
    const error = { code: 'device-lost' as const, message: 'gone' };
    expect(repo.setState('r1', 'failed', { error, endedAt: 5 })).toBe(true);
    expect(repo.get('r1')).toMatchObject({ state: 'failed', error, endedAt: 5 });
    expect(repo.setState('nope', 'running')).toBe(false);
    expect(() => repo.finish('r1', 'running', null, {})).toThrow(/cannot finish running/);
  });

  it('lists newest first and filters by each column', () => {
    repo.create(testRun('a', 1, { device: 'local/p1' }));
    repo.create({ ...testRun('b', 2, { quant: 'int4-g32' }), sweepId: 's1' });
    repo.create({
      ...testRun('c', 3, { scenario: { chunk: 32, sink: 0, window: 64, memory: 'off' } }),
      sweepId: 's1',
    });
    repo.create(testRun('d', 3, { model: '/models/other.onnx' }));
    repo.setState('d', 'running');
    const ids = (filter: object) =>
      repo.list(runListFilterSchema.parse(filter)).map((run) => run.id);
    expect(ids({})).toEqual(['d', 'c', 'b', 'a']);
    expect(ids({ limit: 2 })).toEqual(['d', 'c']);
    expect(ids({ device: 'local/p1' })).toEqual(['a']);
    expect(ids({ model: '/models/other.onnx' })).toEqual(['d']);
    expect(ids({ scenario: 'c32-s0-w64-nomem' })).toEqual(['c']);
    expect(ids({ quant: testRun('x', 0, { quant: 'int4-g32' }).quant })).toEqual(['b']);
    expect(ids({ state: 'running' })).toEqual(['d']);
    expect(ids({ sweepId: 's1' })).toEqual(['c', 'b']);
    expect(ids({ sweepId: 's1', scenario: 'c64-s4-w256-mem' })).toEqual(['b']);
  });

  it('leaves out a row it cannot read instead of typing it as a run', () => {
    repo.create(testRun('good', 1));
    repo.create(testRun('bad', 2));
    db.prepare(`UPDATE runs SET state = 'paused' WHERE id = 'bad'`).run();
    expect(repo.list(runListFilterSchema.parse({})).map((run) => run.id)).toEqual(['good']);
    expect(repo.get('bad')).toBeNull();
  });
});

describe('RunRepo samples', () => {
  it('pages samples in index order after an index, by kind', () => {
    repo.create(testRun('r1', 1));
    repo.appendSamples('r1', testSamples(0, 10));
    repo.appendSamples('r1', testSamples(10, 5));
    expect(repo.samples('r1')).toEqual(testSamples(0, 15));
    expect(repo.samples('r1', { after: 11, limit: 2 })).toEqual(testSamples(12, 2));
    const logs = repo.samples('r1', { kinds: ['log'] });
    expect(logs.map((sample) => sample.i)).toEqual([2, 5, 8, 11, 14]);
    expect(repo.get('r1')?.samples).toBe(15);
  });

  it('rolls back a whole batch that holds a bad sample, count included', () => {
    repo.create(testRun('r1', 1));
    repo.appendSamples('r1', testSamples(0, 3));
    expect(() => repo.appendSamples('r1', testSamples(3, 3).concat(testSamples(1, 1)))).toThrow(
      /UNIQUE/,
    );
    expect(repo.samples('r1')).toHaveLength(3);
    expect(repo.get('r1')?.samples).toBe(3);
    expect(() => repo.appendSamples('ghost', testSamples(0, 1))).toThrow(/FOREIGN KEY/);
  });

  it('appends a 10 000-sample batch quickly', () => {
    repo.create(testRun('r1', 1));
    repo.appendSamples('r1', testSamples(0, 100)); // warm the statements and the file
    const batch = testSamples(100, 10_000);
    const started = performance.now();
    repo.appendSamples('r1', batch);
    const ms = performance.now() - started;
    console.info(`appendSamples: 10 000 samples in ${ms.toFixed(1)} ms`);
    // A batch arrives every ≤ 50 ms and holds far fewer; this one must not take a frame's budget.
    expect(ms).toBeLessThan(500);
    expect(repo.get('r1')?.samples).toBe(10_100);
  });
});

describe('RunRepo delete and restart', () => {
  it('deletes the rows of all three tables and then the run folder', () => {
    repo.create(testRun('r1', 1));
    repo.create(testRun('r2', 2));
    for (const id of ['r1', 'r2']) {
      repo.appendSamples(id, testSamples(0, 4));
      repo.finish(id, 'finished', testSummary(10), { endedAt: 3 });
    }
    const folder = runFilesDir(data.dir, 'r1');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'logits.f32'), 'x');
    expect(repo.delete('r1')).toBe(true);
    expect(existsSync(folder)).toBe(false);
    const count = (table: string) =>
      db.prepare(`SELECT count(*) AS n FROM ${table} WHERE run_id = ?`).pluck().get('r1');
    expect([repo.get('r1'), count('run_samples'), count('run_stats')]).toEqual([null, 0, 0]);
    expect(repo.samples('r2')).toHaveLength(4);
    expect(repo.delete('r1')).toBe(false);
    expect(() => runFilesDir(data.dir, '..')).toThrow(/Not a run id/);
  });

  it('marks the runs a stopped studio left live as failed, keeping their samples', () => {
    const states = [
      'queued',
      'building',
      'pushing',
      'running',
      'stopping',
      'finished',
      'cancelled',
    ] as const;
    states.forEach((state, k) => {
      repo.create(testRun(state, k));
      repo.setState(state, state);
    });
    repo.appendSamples('running', testSamples(0, 3));
    // Every run here is this live process's: it is left alone until its owner is gone.
    expect(repo.markInterrupted(98)).toBe(0);
    expect(repo.markInterrupted(99, () => false)).toBe(5);
    for (const state of states.slice(0, 5)) {
      expect(repo.get(state)).toMatchObject({
        state: 'failed',
        error: interruptedError,
        endedAt: 99,
      });
    }
    expect(repo.get('finished')?.state).toBe('finished');
    expect(repo.get('cancelled')?.state).toBe('cancelled');
    expect(repo.samples('running')).toHaveLength(3);
    expect(repo.markInterrupted(100, () => false)).toBe(0);
  });

  it('tells a live owner from a gone one: this process, a dead pid, another host', () => {
    expect(isOwnerAlive(runOwner())).toBe(true);
    expect(isOwnerAlive(`${hostname()}/999999999`)).toBe(false);
    expect(isOwnerAlive(`${hostname()}/not-a-pid`)).toBe(false);
    expect(isOwnerAlive('')).toBe(false);
    expect(isOwnerAlive('another-farm-host/1')).toBe(true);
  });
});

describe('migration 4', () => {
  it('adds the run tables to an existing version-3 database and keeps its rows', () => {
    db.close();
    const dir = join(data.dir, 'v3');
    openDatabase(dir, migrations.slice(0, 3)).close();
    const raw = new Database(join(dir, databaseFileName));
    raw
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('theme', '"dark"', 1)`)
      .run();
    raw.close();
    db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
    expect(db.prepare('SELECT value FROM settings').pluck().get()).toBe('"dark"');
    repo = new RunRepo(db);
    repo.create(testRun('r1', 1));
    repo.appendSamples('r1', testSamples(0, 2));
    expect(repo.get('r1')?.samples).toBe(2);
  });
});
