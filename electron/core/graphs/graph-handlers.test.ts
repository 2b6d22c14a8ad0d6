import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../shared/job';
import { JobRegistry } from '../jobs/job-registry';
import { tempDataDir } from '../testing';
import { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import { graphHandlers } from './graph-handlers';
import { fixtureModels } from './testing-models';

const scenario = { chunk: 32, sink: 4, window: 96, memory: 'off' } as const;

describe('graph builds as jobs', () => {
  let data: ReturnType<typeof tempDataDir>;
  let root: string;
  let cache: ArtifactCache;
  beforeEach(() => {
    data = tempDataDir();
    root = join(data.dir, 'artifacts');
    cache = new ArtifactCache(root);
  });
  afterEach(() => data.cleanup());

  const artifacts = () => (existsSync(root) ? readdirSync(root) : []);

  it('leaves no artifact for a build cancelled between its steps', async () => {
    const controller = new AbortController();
    const built = await buildGraphs(
      { model: fixtureModels.llama, scenario, quant: 'float' },
      cache,
      (step) => step === 3 && controller.abort(),
      controller.signal,
    );
    expect(built).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(artifacts()).toEqual([]);
  });

  it('answers graph:build with a job id at once; the artifact lands in the job, or nothing does when cancelled', async () => {
    const changes: JobSnapshot[] = [];
    const jobs = new JobRegistry({ onChange: (job) => changes.push(job) });
    const handlers = graphHandlers(cache, jobs);
    const request = { model: fixtureModels.llama, scenario, keepFloat: [], quantizeHead: false };
    const calibration = { method: { kind: 'minmax' as const } };
    const started = await handlers['graph:build']({ ...request, quant: 'float', calibration });
    if (!started.ok) throw new Error(started.error.message);
    const cancelled = await handlers['graph:build']({
      ...request,
      quant: 'int8-channel:qdq',
      calibration,
    });
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    expect(jobs.cancel(cancelled.value.jobId)).toBe(true);
    const finished = await jobs.get(started.value.jobId)?.done;
    expect(finished).toMatchObject({ kind: 'graph-build', state: 'finished' });
    expect(finished?.kind === 'graph-build' && finished.result?.dir).toBe(
      join(root, artifacts()[0] ?? ''),
    );
    expect((await jobs.get(cancelled.value.jobId)?.done)?.state).toBe('cancelled');
    expect(artifacts()).toHaveLength(1);
    const states = changes.filter((job) => job.id === started.value.jobId).map((job) => job.state);
    expect(states[0]).toBe('building');
    expect(states.at(-1)).toBe('finished');
  });
});
