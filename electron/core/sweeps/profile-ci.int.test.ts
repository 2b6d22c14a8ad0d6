import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioRoot } from '../paths';
import { startRun, startRunFarm, type RunFarm } from '../runs/testing-run-farm';
import { expandGrid } from './grid';
import { readProfileFile } from './profile-file';

// ci.yaml is the reliability tests' sweep: every point of it, run one after another on one
// emulated phone (builds included), must finish in under a minute, or those tests are slow.
let farm: RunFarm;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
}, 120_000);

afterAll(async () => {
  await farm.stop();
});

describe('ci.yaml', () => {
  it('runs every point on one emulated phone in under a minute', async () => {
    const read = await readProfileFile(join(studioRoot(), 'profiles', 'ci.yaml'));
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    const { points } = expandGrid(read.profile);
    const started = performance.now();
    for (const point of points) {
      const run = await startRun(farm, { ...point.request, device: farm.keyOf(0) });
      const record = await run.ended;
      expect(record.error, point.key).toBeNull();
      expect(record.state).toBe('finished');
      expect(record.summary?.repetitions).toMatchObject({ measured: 2, warmup: 0 });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`ci.yaml: ${points.length} runs in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
  });
});
