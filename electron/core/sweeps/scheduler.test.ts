import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioEventBus } from '../../../shared/event-bus';
import { profileSchema, type ProfileInput } from '../../../shared/profile';
import { ok } from '../../../shared/result';
import type { RunState } from '../../../shared/run-state';
import type { SweepPoint, SweepProgress } from '../../../shared/sweep';
import { JobRegistry } from '../jobs/job-registry';
import { openDatabase, type StudioDatabase } from '../store/database';
import { runOwner } from '../store/run-repo';
import { SweepRepo } from '../store/sweep-repo';
import { tempDataDir } from '../testing';
import { SweepService } from './scheduler';
import { FakeRuns, testPhone } from './testing-sweep';

let data: ReturnType<typeof tempDataDir>;
let db: StudioDatabase;
let repo: SweepRepo;
let runs: FakeRuns;
let builds: string[];
let endedSweeps: { sweepId: string; state: string }[];
let cleaned: SweepPoint[][];
let progress: SweepProgress[];
let runStates: Map<string, RunState>;
let service: SweepService;
let jobs: JobRegistry;
/** Set by a test to hold a build until it says so. */
let hold: ((request: { scenario: { chunk: number } }) => Promise<void>) | null;

const gib = 2 ** 30;
const phones = [
  testPhone('p1'),
  testPhone('p2'),
  // 1 GiB of RAM: a 0.5 GiB budget that the int8 graph fits and the float one does not.
  testPhone('small', { model: 'Small', ramKb: 2 ** 20 }),
];

beforeEach(() => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  repo = new SweepRepo(db);
  runs = new FakeRuns();
  runs.auto = () => ({ state: 'finished', error: null });
  builds = [];
  cleaned = [];
  progress = [];
  runStates = new Map();
  hold = null;
  endedSweeps = [];
  const events = new StudioEventBus();
  events.subscribe((event) => {
    if (event.channel === 'sweep:onDidProgress') progress.push(event.payload);
  });
  jobs = new JobRegistry({ onChange: (job) => service.onJob(job) });
  service = new SweepService({
    repo,
    jobs,
    events,
    runs,
    phones: async () => phones,
    footprint: async (request) => {
      await hold?.(request);
      builds.push(`${request.scenario.chunk}/${request.scenario.window}/${request.quant}`);
      const weightsBytes = request.quant === 'float' ? 0.6 * gib : 0.2 * gib;
      return ok({ weightsBytes, stateBytes: 0.01 * gib });
    },
    runState: (runId) => runStates.get(runId) ?? null,
    cleanUp: async (points) => {
      cleaned.push(points.map((point) => ({ ...point })));
      return [];
    },
    cores: 2,
    onDidEnd: (sweepId) => endedSweeps.push({ sweepId, state: repo.get(sweepId)!.state }),
  });
});
afterEach(async () => {
  await jobs.close();
  db.close();
  data.cleanup();
});

const profile = (fields: Partial<ProfileInput> = {}) =>
  profileSchema.parse({
    version: 1,
    name: 'ci',
    model: 'demo',
    repetitions: 2,
    warmup: 0,
    grid: { chunk: [32, 64], sink: [4], window: [48, 96], quant: ['float', 'int8-channel'] },
    ...fields,
  });

/** A sweep started and stopped before any of its runs ended: its id. */
async function stoppedSweep(): Promise<string> {
  runs.auto = () => null;
  const started = service.start(profile());
  const sweepId = started.ok ? started.value.sweepId : '';
  service.stop(sweepId);
  await ended(sweepId);
  return sweepId;
}

async function ended(sweepId: string) {
  for (let tries = 0; tries < 200; tries++) {
    const sweep = repo.get(sweepId)!;
    if (['finished', 'failed', 'cancelled'].includes(sweep.state)) return sweep;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the sweep never ended');
}

describe('SweepService', () => {
  it('says once that a sweep ended, its end state already stored', async () => {
    const started = service.start(profile());
    const sweepId = started.ok ? started.value.sweepId : '';
    await ended(sweepId);
    await jobs.close();
    expect(endedSweeps).toEqual([{ sweepId, state: 'finished' }]);
  });

  it('plans every point on every phone, builds each graph once, runs what fits', async () => {
    const started = service.start(profile());
    expect(started.ok).toBe(true);
    const sweepId = started.ok ? started.value.sweepId : '';
    const sweep = await ended(sweepId);
    // chunk 64 with window 48 is skipped; 3 valid scenarios × 2 quants = 6 graphs.
    expect(builds.sort()).toEqual([
      '32/48/float',
      '32/48/int8-channel:qdq',
      '32/96/float',
      '32/96/int8-channel:qdq',
      '64/96/float',
      '64/96/int8-channel:qdq',
    ]);
    expect(sweep.state).toBe('finished');
    expect(sweep.counts).toMatchObject({ planned: 24, skipped: 6, infeasible: 3, done: 15 });
    const points = repo.points(sweepId);
    const infeasible = points.filter((point) => point.status === 'infeasible');
    expect(infeasible.every((p) => p.deviceKey === 'small' && p.request.quant === 'float')).toBe(
      true,
    );
    expect(infeasible[0]!.reason).toContain("over the phone's RAM budget 512.0 MiB");
    expect(runs.started).toHaveLength(15);
    expect(runs.twoOnOnePhone).toBe(false);
    expect(runs.maxLive).toBeLessThanOrEqual(2);
    expect(sweep.concurrencyNote).toBe(
      "emulated phones run on this host's 2 cores: at most 2 of the 3 run at once",
    );
    expect(progress.at(-1)).toMatchObject({ sweepId, state: 'finished', concurrency: 2 });
    expect(progress.at(-1)!.perPhone.small).toMatchObject({ done: 3, infeasible: 3 });
  });

  it('stop cancels the sweep and its live runs', async () => {
    runs.auto = () => null;
    const started = service.start(profile());
    const sweepId = started.ok ? started.value.sweepId : '';
    for (let tries = 0; tries < 100 && runs.live().length < 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(service.stop(sweepId)).toBe(true);
    const sweep = await ended(sweepId);
    expect(sweep.state).toBe('cancelled');
    expect(runs.stopped).toHaveLength(2);
    expect(sweep.counts.cancelled).toBe(15);
    expect(service.stop(sweepId)).toBe(false);
  });

  it('resume keeps finished runs, runs interrupted ones again, cleans up first', async () => {
    runs.auto = () => null;
    const started = service.start(
      profile({ grid: { chunk: [32], window: [96], quant: ['int8-channel'] } }),
    );
    const sweepId = started.ok ? started.value.sweepId : '';
    for (let tries = 0; tries < 100 && runs.live().length < 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // As a studio killed mid-sweep leaves it: two points running, their runs' ends unseen.
    const [first, second] = runs.live();
    runStates.set(first!, 'finished');
    runStates.set(second!, 'failed');
    db.prepare(`UPDATE sweeps SET owner = 'nohost/1'`).run();
    service.stop(sweepId);
    await ended(sweepId);
    db.prepare(`UPDATE sweep_points SET status = 'running' WHERE run_ids != '[]'`).run();
    runs.auto = () => ({ state: 'finished', error: null });
    const before = runs.started.length;
    expect(service.resume(sweepId).ok).toBe(true);
    const sweep = await ended(sweepId);
    expect(sweep.state).toBe('finished');
    expect(cleaned[0]!.map((point) => point.runIds.at(-1)).sort()).toEqual([first, second].sort());
    const points = repo.points(sweepId);
    const kept = points.find((point) => point.runIds.includes(first!))!;
    expect(kept).toMatchObject({ status: 'finished', runIds: [first] });
    const rerun = points.find((point) => point.runIds.includes(second!))!;
    expect(rerun.status).toBe('finished');
    expect(rerun.runIds).toHaveLength(2);
    // Only the interrupted point and the one never started ran now.
    expect(runs.started.length - before).toBe(2);
    expect(sweep.counts).toMatchObject({ planned: 3, done: 3 });
  });

  it('reads a sweep whose studio died since this one started as interrupted', async () => {
    const sweepId = await stoppedSweep();
    // As a teammate's CLI on this host leaves its sweep when killed after this studio started.
    const dead = `${hostname()}/999999999`;
    db.prepare(`UPDATE sweeps SET state = 'running', owner = ?`).run(dead);
    const got = service.get(sweepId);
    expect(got.ok && got.value.sweep.error?.message).toMatch(/^Interrupted: /);
    db.prepare(`UPDATE sweeps SET state = 'running', owner = ?`).run(dead);
    expect(service.list()[0]).toMatchObject({ id: sweepId, state: 'failed' });
    // A live owner's (this process's) sweep is left as it is.
    db.prepare(`UPDATE sweeps SET state = 'running', owner = ?`).run(runOwner());
    expect(service.list()[0]!.state).toBe('running');
  });

  it("resumes a dead studio's sweep while it is read, without reading itself interrupted", async () => {
    const sweepId = await stoppedSweep();
    db.prepare(`UPDATE sweeps SET owner = ?`).run(`${hostname()}/999999999`);
    runs.auto = () => ({ state: 'finished', error: null });
    expect(service.resume(sweepId).ok).toBe(true);
    // A window (or the CLI) reading it all the while, as sweep:get is polled.
    const states: string[] = [];
    for (let tries = 0; tries < 200; tries++) {
      const got = service.get(sweepId);
      const state = got.ok ? got.value.sweep.state : 'missing';
      states.push(state);
      if (['finished', 'failed', 'cancelled'].includes(state)) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(states.at(-1)).toBe('finished');
    expect(repo.get(sweepId)?.owner).toBe(runOwner());
  });

  it('refuses to resume a sweep it does not know or is running', async () => {
    expect(service.resume('nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    runs.auto = () => null;
    const started = service.start(profile());
    const sweepId = started.ok ? started.value.sweepId : '';
    expect(service.resume(sweepId)).toMatchObject({ ok: false, error: { code: 'busy' } });
    service.stop(sweepId);
    await ended(sweepId);
  });

  it("runs a graph's points while the next graphs still build", async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    hold = (request) => (request.scenario.chunk === 64 ? held : Promise.resolve());
    runs.auto = () => null;
    const started = service.start(profile());
    const sweepId = started.ok ? started.value.sweepId : '';
    for (let tries = 0; tries < 100 && runs.live().length < 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(runs.live()).toHaveLength(2);
    expect(builds.some((build) => build.startsWith('64/'))).toBe(false);
    runs.auto = () => ({ state: 'finished', error: null });
    release();
    for (const runId of runs.live()) runs.end(runId);
    const sweep = await ended(sweepId);
    expect(sweep.counts).toMatchObject({ planned: 24, skipped: 6, infeasible: 3, done: 15 });
    expect(runs.twoOnOnePhone).toBe(false);
    expect(runs.maxLive).toBeLessThanOrEqual(2);
  });

  it('stopped while graphs build, cancels their points; a resume builds, checks and runs them', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    hold = (request) => (request.scenario.chunk === 64 ? held : Promise.resolve());
    const started = service.start(profile());
    const sweepId = started.ok ? started.value.sweepId : '';
    for (let tries = 0; tries < 100 && builds.length < 4; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(service.stop(sweepId)).toBe(true);
    release();
    expect((await ended(sweepId)).state).toBe('cancelled');
    const unbuilt = repo
      .points(sweepId)
      .filter((point) => point.pointKey.startsWith('c64-') && point.status !== 'skipped');
    expect(unbuilt.map((point) => point.status)).toEqual(Array(6).fill('cancelled'));
    expect(unbuilt[0]!.reason).toBe('the sweep was stopped');
    hold = null;
    expect(service.resume(sweepId).ok).toBe(true);
    const sweep = await ended(sweepId);
    expect(sweep.state).toBe('finished');
    // As a sweep never stopped: the float graph of chunk 64 does not fit the small phone.
    expect(sweep.counts).toMatchObject({ planned: 24, skipped: 6, infeasible: 3, done: 15 });
  });
});
