import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileSchema } from '../../../shared/profile';
import { runRequestSchema } from '../../../shared/run';
import type { SweepPoint } from '../../../shared/sweep';
import { tempDataDir } from '../testing';
import { databaseFileName, openDatabase, type StudioDatabase } from './database';
import { migrations } from './migrations';
import { runOwner } from './run-repo';
import { sweepInterruptedError } from '../../../shared/sweep';
import { SweepRepo } from './sweep-repo';

let data: ReturnType<typeof tempDataDir>;
let db: StudioDatabase;
let repo: SweepRepo;
beforeEach(() => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  repo = new SweepRepo(db);
});
afterEach(() => {
  db.close();
  data.cleanup();
});

const profile = profileSchema.parse({ version: 1, name: 'ci', model: 'demo' });

function point(key: string, device: string, status: SweepPoint['status'] = 'pending'): SweepPoint {
  const request = runRequestSchema.parse({
    model: 'demo',
    scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
    device,
  });
  const reason = status === 'infeasible' ? 'weights + state 9 GiB over 4 GiB' : null;
  const base = { sweepId: 's1', pointKey: key, plannedDevice: device, deviceKey: device };
  return { ...base, request, status, reason, runIds: [], attempts: 0 };
}

const sweep = (points: SweepPoint[]) => ({
  id: 's1',
  profile,
  createdAt: 10,
  concurrency: 2,
  concurrencyNote: 'emulated farm: at most 2 runs at once (the host has 2 cores)',
  points,
});

describe('SweepRepo', () => {
  it('keeps a sweep with its points in order, counted overall and per phone', () => {
    const created = repo.create(
      sweep([point('a', 'p1'), point('a', 'p2', 'infeasible'), point('b', 'p1', 'skipped')]),
    );
    expect(created).toMatchObject({
      id: 's1',
      profileName: 'ci',
      state: 'queued',
      owner: runOwner(),
    });
    expect(created.profile).toEqual(profile);
    expect(created.counts).toMatchObject({ planned: 3, infeasible: 1, skipped: 1, done: 0 });
    expect(created.perPhone.p1).toMatchObject({ planned: 2, skipped: 1 });
    expect(repo.points('s1').map((p) => `${p.pointKey}@${p.plannedDevice}`)).toEqual([
      'a@p1',
      'a@p2',
      'b@p1',
    ]);
    expect(repo.points('s1')[1]!.reason).toContain('over');
  });

  it('moves a point to another phone with its runs and attempts', () => {
    repo.create(sweep([point('a', 'p1'), point('b', 'p1')]));
    const target = { sweepId: 's1', pointKey: 'a', plannedDevice: 'p1' };
    expect(repo.updatePoint(target, { status: 'running', runIds: ['r1'] })).toBe(true);
    expect(repo.get('s1')!.counts.running).toBe(1);
    const request = { ...repo.points('s1')[0]!.request, device: 'p2' };
    repo.updatePoint(target, { status: 'pending', deviceKey: 'p2', request, attempts: 1 });
    repo.updatePoint(target, { status: 'finished', runIds: ['r1', 'r2'] });
    const [moved, other] = repo.points('s1');
    expect(moved).toMatchObject({ deviceKey: 'p2', attempts: 1, runIds: ['r1', 'r2'] });
    expect(moved!.request.device).toBe('p2');
    expect(other!.status).toBe('pending');
    expect(repo.get('s1')!.perPhone).toMatchObject({ p1: { planned: 1 }, p2: { done: 1 } });
    expect(repo.updatePoint({ ...target, pointKey: 'zz' }, { status: 'failed' })).toBe(false);
  });

  it('ends and claims a sweep, lists newest first', () => {
    repo.create(sweep([point('a', 'p1')]));
    repo.create({ ...sweep([]), id: 's2', createdAt: 20 });
    repo.setState('s1', 'failed', { error: { code: 'cancelled', message: 'x' }, endedAt: 30 });
    expect(repo.get('s1')).toMatchObject({
      state: 'failed',
      endedAt: 30,
      error: { code: 'cancelled' },
    });
    expect(repo.claim('s1', 1, null)).toBe(true);
    expect(repo.get('s1')).toMatchObject({ concurrency: 1, concurrencyNote: null, endedAt: null });
    expect(repo.list().map((s) => s.id)).toEqual(['s2', 's1']);
    expect(repo.get('nope')).toBeNull();
  });

  it("marks a dead studio's live sweeps interrupted, leaving a live owner's and ended ones", () => {
    const dead = `${hostname()}/999999999`;
    // The parent of this test process: another studio process of this host, alive.
    const liveOther = `${hostname()}/${process.ppid}`;
    const made = [
      ['building', dead],
      ['running', dead],
      ['stopping', ''],
      ['running', liveOther],
      ['running', 'another-farm-host/1'],
      ['finished', dead],
      ['cancelled', dead],
    ] as const;
    made.forEach(([state, owner], k) => {
      const id = `s${k}`;
      const points = [{ ...point('a', 'p1', 'finished'), sweepId: id, runIds: ['r1'] }];
      points.push({ ...point('b', 'p1', 'running'), sweepId: id, runIds: ['r2'] });
      repo.create({ ...sweep(points), id, owner, createdAt: k });
      repo.setState(id, state);
    });
    expect(repo.markInterrupted(50)).toBe(3);
    for (const id of ['s0', 's1', 's2']) {
      expect(repo.get(id)).toMatchObject({
        state: 'failed',
        error: sweepInterruptedError,
        endedAt: 50,
      });
      // Its points as they were: a resume cleans up after the running one and keeps the other.
      expect(repo.points(id).map((p) => `${p.status} ${p.runIds.join()}`)).toEqual([
        'finished r1',
        'running r2',
      ]);
    }
    expect(repo.get('s3')).toMatchObject({ state: 'running', error: null, endedAt: null });
    expect(repo.get('s4')).toMatchObject({ state: 'running', error: null, endedAt: null });
    expect(repo.get('s5')).toMatchObject({ state: 'finished', error: null });
    expect(repo.get('s6')).toMatchObject({ state: 'cancelled', error: null });
    expect(repo.markInterrupted(60)).toBe(0);
    expect(repo.get('s0')!.endedAt).toBe(50);
  });

  it('leaves out a row it cannot read rather than handing it on', () => {
    repo.create(sweep([point('a', 'p1'), point('b', 'p1')]));
    db.prepare(`UPDATE sweep_points SET request = '{"bad":1}' WHERE point_key = 'b'`).run();
    expect(repo.points('s1').map((p) => p.pointKey)).toEqual(['a']);
  });

  it('migration 5 adds the sweep tables to a version-4 database', () => {
    db.close();
    const dir = join(data.dir, 'v4');
    openDatabase(dir, migrations.slice(0, 4)).close();
    const raw = new Database(join(dir, databaseFileName));
    expect(raw.pragma('user_version', { simple: true })).toBe(4);
    raw.close();
    db = openDatabase(dir);
    repo = new SweepRepo(db);
    expect(repo.create(sweep([point('a', 'p1')])).counts.planned).toBe(1);
  });
});
