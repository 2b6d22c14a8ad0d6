import { describe, expect, it } from 'vitest';
import type { InvokeHandlers } from '../../../shared/contract';
import { StudioEventBus } from '../../../shared/event-bus';
import { createLocalStudio } from '../../../shared/local-studio';
import { fail, ok } from '../../../shared/result';
import { runRequestSchema, type RunRecord, type RunSample } from '../../../shared/run';
import { fakeHandlers } from '../../testing/render-app';
import { deriveSeries, type RunSeries } from './run-series';
import { RunStreamStore } from './run-stream-store';
import { randomBatches, seededRandom, syntheticRun } from './testing-run-samples';

/** A frame clock the test advances by hand. */
function frames() {
  const queued: (() => void)[] = [];
  const schedule = (callback: () => void) => void queued.push(callback);
  return { schedule, run: () => queued.splice(0).forEach((callback) => callback()) };
}

/** A studio whose `run:samples` pages `stored` (what the studio's store holds of run r1). */
function studioWith(stored: RunSample[], overrides: Partial<InvokeHandlers> = {}) {
  const events = new StudioEventBus();
  const asked: { after: number; limit: number }[] = [];
  const { handlers } = fakeHandlers(
    {
      'run:samples': async ({ runId, after, limit }) => {
        if (runId !== 'r1') return fail('not-found', `No run ${runId}`);
        asked.push({ after, limit });
        const from = stored.filter((sample) => sample.i > after);
        return ok({ samples: from.slice(0, limit), more: from.length > limit });
      },
      ...overrides,
    },
    events,
  );
  const studio = createLocalStudio(handlers, events);
  const emit = (seq: number, samples: RunSample[]) =>
    events.emit('run:metrics', { runId: 'r1', seq, samples });
  return { studio, events, asked, emit };
}

/** Lets the refill's invokes (promises through the dispatch) settle. */
async function settle(): Promise<void> {
  for (let n = 0; n < 20; n++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const charted = (series: RunSeries) => JSON.stringify({ ...series, version: 0, fold: null });

describe('RunStreamStore', () => {
  it('publishes many batches of one frame once, folded in order', () => {
    const samples = syntheticRun({ seed: 4 });
    const { studio, emit, asked } = studioWith(samples);
    const clock = frames();
    const store = new RunStreamStore(studio, { schedule: clock.schedule });
    const view = store.of('r1');
    let told = 0;
    view.subscribe(() => told++);
    const batches = randomBatches(samples, 9, 3);
    batches.forEach((batch, k) => emit(k + 1, batch));
    expect(batches.length).toBeGreaterThan(10);
    expect(told).toBe(0);
    clock.run();
    expect(told).toBe(1);
    expect(charted(view.getSnapshot().series)).toBe(charted(deriveSeries('r1', samples)));
    expect(asked).toEqual([]);
  });

  it('refills dropped batches from the store: the same series as if none had dropped', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const samples = syntheticRun({ seed, repetitions: 5 });
      const { studio, emit, asked } = studioWith(samples);
      const store = new RunStreamStore(studio, { schedule: () => undefined, pageSize: 7 });
      const random = seededRandom(seed);
      const batches = randomBatches(samples, seed, 6);
      // Drop about a third of the batches, never the last one (nothing would tell of its loss).
      batches.forEach((batch, k) => {
        if (random() > 0.35 || k === batches.length - 1) emit(k + 1, batch);
      });
      await settle();
      const view = store.of('r1').current;
      expect(asked.length).toBeGreaterThan(0);
      expect(view.series.lastIndex).toBe(samples.length - 1);
      expect(charted(view.series)).toBe(charted(deriveSeries('r1', samples)));
      expect(view.samples.map((s) => s.i)).toEqual(samples.map((s) => s.i));
      expect(view).toMatchObject({ loading: false, missing: 0, loadError: null });
    }
  });

  it('refills a window opened mid-run (first batch seq 7) from index 0, page by page', async () => {
    const samples = syntheticRun({ seed: 5 });
    const { studio, emit, asked } = studioWith(samples.slice(0, 60));
    const store = new RunStreamStore(studio, { schedule: () => undefined, pageSize: 10 });
    emit(7, samples.slice(40, 50));
    expect(store.of('r1').current.series.sampleCount).toBe(0);
    expect(store.of('r1').current.loading).toBe(true);
    emit(8, samples.slice(50, 60));
    await settle();
    expect(asked[0]).toEqual({ after: -1, limit: 10 });
    // Held samples 40..59 follow the third page; the fourth finds nothing newer.
    expect(asked.map((page) => page.after)).toEqual([-1, 9, 19, 29, 59]);
    expect(store.of('r1').current.series.sampleCount).toBe(60);
    emit(9, samples.slice(60));
    await settle();
    expect(charted(store.of('r1').current.series)).toBe(charted(deriveSeries('r1', samples)));
  });

  it('drops duplicates, from a batch sent again and from pages that overlap held samples', async () => {
    const samples = syntheticRun({ seed: 6 });
    const { studio, emit } = studioWith(samples.slice(0, 35));
    const store = new RunStreamStore(studio, { schedule: () => undefined });
    emit(1, samples.slice(0, 10));
    emit(1, samples.slice(0, 10));
    emit(3, samples.slice(20, 30));
    emit(2, samples.slice(10, 20));
    emit(4, samples.slice(25, 35));
    await settle();
    const view = store.of('r1').current;
    expect(view.samples.map((s) => s.i)).toEqual(samples.slice(0, 35).map((s) => s.i));
    expect(charted(view.series)).toBe(charted(deriveSeries('r1', samples.slice(0, 35))));
  });

  it('refills a gap in the indexes even when no batch number is missing', async () => {
    const samples = syntheticRun({ seed: 12 });
    const { studio, emit, asked } = studioWith(samples.slice(0, 30));
    const store = new RunStreamStore(studio, { schedule: () => undefined });
    emit(1, samples.slice(0, 10));
    emit(2, samples.slice(15, 30));
    expect(store.of('r1').current.series.lastIndex).toBe(9);
    await settle();
    expect(asked[0]?.after).toBe(9);
    expect(store.of('r1').current.samples.map((s) => s.i)).toEqual(range(0, 30));
  });

  it('goes on past a gap the store does not have, counting what it lost', async () => {
    const samples = syntheticRun({ seed: 7 });
    const { studio, emit } = studioWith(samples.filter((s) => s.i < 10 || (s.i >= 15 && s.i < 30)));
    const store = new RunStreamStore(studio, { schedule: () => undefined });
    emit(1, samples.slice(0, 10));
    emit(3, samples.slice(20, 30));
    await settle();
    const view = store.of('r1').current;
    expect(view.missing).toBe(5);
    expect(view.samples.map((s) => s.i)).toEqual([...range(0, 10), ...range(15, 30)]);
  });

  it('keeps the samples it received when the refill fails', async () => {
    const samples = syntheticRun({ seed: 8 });
    const { studio, emit } = studioWith(samples, {
      'run:samples': async () => fail('timeout', 'the store did not answer'),
    });
    const store = new RunStreamStore(studio, { schedule: () => undefined });
    emit(2, samples.slice(10, 20));
    await settle();
    const view = store.of('r1').current;
    expect(view.loadError?.code).toBe('timeout');
    expect(view.missing).toBe(10);
    expect(view.samples.map((s) => s.i)).toEqual(range(10, 20));
  });

  it('keeps the newest raw samples only, and the whole derived series', () => {
    const samples = syntheticRun({ seed: 9, repetitions: 8 });
    const { studio, emit } = studioWith(samples);
    const store = new RunStreamStore(studio, { schedule: () => undefined, samplesKept: 25 });
    randomBatches(samples, 3, 8).forEach((batch, k) => emit(k + 1, batch));
    const view = store.of('r1').current;
    expect(view.samples.map((s) => s.i)).toEqual(samples.slice(-25).map((s) => s.i));
    expect(view.series.sampleCount).toBe(samples.length);
  });

  it('opens a finished run from the store, paged, with its record and counting rule', async () => {
    const samples = syntheticRun({ seed: 10, repetitions: 6 });
    const record = finishedRecord(samples.length);
    const { studio, asked } = studioWith(samples, {
      'run:get': async ({ runId }) => (runId === 'r1' ? ok(record) : fail('not-found', runId)),
    });
    const store = new RunStreamStore(studio, { schedule: () => undefined, pageSize: 16 });
    const opened = await store.open('r1');
    expect(opened.ok && opened.value.state).toBe('finished');
    expect(asked.length).toBe(Math.ceil(samples.length / 16));
    const view = store.of('r1').current;
    expect(view.record?.id).toBe('r1');
    const whole = deriveSeries('r1', samples, { includeThrottled: true });
    expect(charted(view.series)).toBe(charted(whole));
    expect(view.series.fold.includeThrottled).toBe(true);
    expect((await store.open('nope')).ok).toBe(false);
  });

  it('reads the record of a run met live: its counting rule, and its summary once it ends', async () => {
    const samples = syntheticRun({ seed: 13, repetitions: 6 });
    let reads = 0;
    const { studio, events, emit } = studioWith(samples, {
      'run:get': async () => {
        reads++;
        return ok(finishedRecord(samples.length));
      },
    });
    const store = new RunStreamStore(studio, { schedule: () => undefined });
    emit(1, samples.slice(0, 30));
    await settle();
    expect(store.of('r1').current.series.fold.includeThrottled).toBe(true);
    emit(2, samples.slice(30));
    const whole = deriveSeries('r1', samples, { includeThrottled: true });
    expect(charted(store.of('r1').current.series)).toBe(charted(whole));
    expect(charted(whole)).not.toBe(charted(deriveSeries('r1', samples)));
    const progress = { fraction: 1, message: 'done' };
    events.emit('run:onDidChangeState', { runId: 'r1', state: 'finished', progress, error: null });
    await settle();
    expect(reads).toBe(2);
    expect(store.of('r1').current.record?.samples).toBe(samples.length);
  });

  it('keeps state changes beside the series, and forgets a run on demand', () => {
    const { studio, events, emit } = studioWith([]);
    const store = new RunStreamStore(studio, { schedule: () => undefined });
    const progress = { fraction: 0.5, message: 'repetition 2 of 4' };
    events.emit('run:onDidChangeState', { runId: 'r1', state: 'running', progress, error: null });
    emit(1, syntheticRun({ seed: 1 }).slice(0, 5));
    expect(store.of('r1').current).toMatchObject({ state: 'running', progress });
    expect(store.of('r1').current.series.sampleCount).toBe(5);
    store.forget('r1');
    expect(store.of('r1').current).toMatchObject({ state: null, samples: [] });
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

function finishedRecord(samples: number): RunRecord {
  const request = runRequestSchema.parse({
    model: 'builtin:tiny',
    scenario: { chunk: 64, sink: 4, window: 256, memory: 'on' },
    device: 'local/emulator-5554',
    includeThrottled: true,
  });
  return {
    id: 'r1',
    state: 'finished',
    request,
    deviceKey: request.device,
    scenario: 'c64-s4-w256-mem',
    quant: 'float',
    createdAt: 1,
    endedAt: 2,
    error: null,
    context: null,
    summary: null,
    samples,
    sweepId: null,
  };
}
