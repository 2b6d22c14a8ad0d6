import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { RunRepo } from '../store/run-repo';
import { startRun, startRunFarm, type RunFarm } from './testing-run-farm';
import { isEvent, runnersOnPhone, smallRun, waitForSample } from './testing-run-waits';

// Whole runs through the studio core: the real adb server, emulated phones running the real
// x86-64 edge-runner bundle, the store on disk.
let farm: RunFarm;
const scenario = { chunk: 32, sink: 4, window: 96, memory: 'on' } as const;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
}, 120_000);

afterAll(async () => {
  await farm.stop();
});

describe('a run on an emulated phone', () => {
  it('finishes with plausible numbers, every sample kept, accuracy on the phone', async () => {
    const run = await startRun(farm, {
      device: farm.keyOf(0),
      model: 'builtin:edge-infinite-tiny',
      scenario,
      quant: 'int8-channel',
      repetitions: 3,
      warmup: 1,
    });
    const record = await run.ended;
    expect(record.error).toBeNull();
    expect(record.state).toBe('finished');
    const summary = record.summary!;
    console.log(JSON.stringify(summary.stats.ttftMs), summary.memory, summary.accuracy?.total);
    expect(summary.repetitions).toMatchObject({ measured: 3, warmup: 1 });
    expect(summary.stats.ttftMs!.median).toBeGreaterThan(0);
    expect(summary.chunks * scenario.chunk).toBeGreaterThanOrEqual(summary.promptTokens);
    expect(summary.memory!.peakBytes).toBeGreaterThanOrEqual(summary.memory!.weightsBytes);
    expect(summary.accuracy!.total.cosineMean).toBeGreaterThan(0.9);
    expect(summary.accuracy!.task).not.toBeNull();
    expect(record.context).toMatchObject({ emulated: true, ep: 'cpu', abi: 'x86_64' });
    // Every batch streamed is in the store, in order, with none lost.
    const streamed = run.batches.flatMap((batch) => batch.samples);
    const stored = await farm.studio.invoke('run:samples', { runId: run.runId, limit: 50_000 });
    expect(stored.ok && stored.value.samples).toEqual(streamed);
    expect(streamed.map((sample) => sample.i)).toEqual(streamed.map((_, index) => index));
    expect(streamed.filter((sample) => sample.kind === 'device').length).toBeGreaterThan(0);
    expect(record.samples).toBe(streamed.length);
  }, 180_000);
});

describe('closing the studio mid-run', () => {
  it('stops the run, writes its end and only then closes the store', async () => {
    const run = await startRun(farm, { ...smallRun, device: farm.keyOf(0), repetitions: 500 });
    await waitForSample(run, isEvent('first_token'));
    farm.core.close();
    const ended = await Promise.race([
      farm.core.jobs.get(run.runId)!.done,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000)),
    ]);
    expect(ended?.state).toBe('cancelled');
    // The store closes once the job has ended: reopened, it holds the run's end and samples.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const db = openDatabase(farm.dataDir);
    try {
      const record = new RunRepo(db, farm.dataDir).get(run.runId);
      expect(record?.state).toBe('cancelled');
      expect(record?.samples).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(await runnersOnPhone(farm.phones[0]!)).toEqual([]);
  }, 60_000);
});
