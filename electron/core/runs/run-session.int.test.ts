import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, startRunFarm, type RunFarm } from './testing-run-farm';

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
