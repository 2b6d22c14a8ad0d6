import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioEventBus } from '../../../shared/event-bus';
import type { JobRegistry } from '../jobs/job-registry';
import { openDatabase, type StudioDatabase } from '../store/database';
import { interruptedError, RunRepo } from '../store/run-repo';
import { testRun } from '../store/testing-runs';
import { tempDataDir } from '../testing';
import { RunService, type RunServiceDeps } from './run-service';

let data: ReturnType<typeof tempDataDir>;
let db: StudioDatabase;
let repo: RunRepo;
let service: RunService;

beforeEach(() => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  repo = new RunRepo(db, data.dir);
  // Listing and reading runs touch only the store.
  const deps = { repo, events: new StudioEventBus(), jobs: {} as JobRegistry };
  service = new RunService(deps as unknown as RunServiceDeps);
});
afterEach(() => {
  db.close();
  data.cleanup();
});

describe('RunService', () => {
  it('reads a run whose studio died after this one started as failed, interrupted', () => {
    repo.create({ ...testRun('r-dead', 1), owner: `${hostname()}/999999999` });
    repo.setState('r-dead', 'running');
    repo.create(testRun('r-mine', 2));
    repo.setState('r-mine', 'running');
    const listed = service.list({ limit: 50 });
    expect(listed.find((run) => run.id === 'r-dead')).toMatchObject({
      state: 'failed',
      error: interruptedError,
    });
    // This process's own live run is left as it is.
    expect(listed.find((run) => run.id === 'r-mine')?.state).toBe('running');
  });

  it('marks it on run:get too, without a list first', () => {
    repo.create({ ...testRun('r-dead', 1), owner: `${hostname()}/999999999` });
    repo.setState('r-dead', 'running');
    const got = service.get('r-dead');
    expect(got.ok && got.value.error).toEqual(interruptedError);
  });
});
