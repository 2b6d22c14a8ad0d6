import type { StudioApi } from '../../../shared/contract';
import type { RunMetricsBatch, RunRecord, RunSample, RunStateChange } from '../../../shared/run';
import { ok, type Result, type StudioError } from '../../../shared/result';
import { isTerminalRunState, type RunState } from '../../../shared/run-state';
import { appendBounded } from '../../stores/bounded-buffer';
import { FrameStore, useFrameStore, type FrameScheduler } from '../../stores/frame-store';
import { appendToSeries, emptySeries, withCountingRule, type RunSeries } from './run-series';
import { RunFeed } from './run-stream-feed';

/** What a window knows of one run, as its page reads it (a new object per published change). */
export interface RunView {
  readonly runId: string;
  readonly state: RunState | null;
  readonly progress: RunStateChange['progress'] | null;
  readonly error: StudioError | null;
  /** The stored record: read when the run is first met, again when it ends, and by `open`. */
  readonly record: RunRecord | null;
  readonly series: RunSeries;
  /** The newest raw samples (bounded), in index order. */
  readonly samples: readonly RunSample[];
  /** A gap is being refilled, or the run loaded, from the store. */
  readonly loading: boolean;
  /** Indexes lost for good (neither streamed nor in the store). */
  readonly missing: number;
  /** Why the last refill or load failed. */
  readonly loadError: StudioError | null;
}

/** Bounds and paging of the store. */
export interface RunStreamOptions {
  schedule?: FrameScheduler;
  /** Raw samples kept per run (default 20 000); the derived series keep everything. */
  samplesKept?: number;
  /** Samples asked per `run:samples` page (default 10 000). */
  pageSize?: number;
}

interface TrackedRun {
  readonly view: FrameStore<RunView>;
  readonly feed: RunFeed;
  filling: boolean;
}

/**
 * The runs this window follows: every `run:metrics` batch folded into its run's series in index
 * order (gaps refilled from `run:samples`, duplicates dropped), `run:onDidChangeState` kept beside
 * it, and each run's view published at most once per animation frame. One per studio window.
 */
export class RunStreamStore {
  readonly #runs = new Map<string, TrackedRun>();
  readonly #samplesKept: number;
  readonly #pageSize: number;

  constructor(
    private readonly studio: StudioApi,
    private readonly options: RunStreamOptions = {},
  ) {
    this.#samplesKept = options.samplesKept ?? 20_000;
    this.#pageSize = options.pageSize ?? 10_000;
    studio.on('run:metrics', (batch) => this.#receive(batch));
    studio.on('run:onDidChangeState', (change) => this.#changeState(change));
  }

  /** The view of one run (an empty one until something of it arrives). */
  of(runId: string): FrameStore<RunView> {
    return this.#track(runId).view;
  }

  /**
   * Loads a run from the store (its record, then its samples page by page) into the same series
   * live batches feed; a run this window already follows only gets its record.
   */
  async open(runId: string): Promise<Result<RunView>> {
    const record = await this.studio.invoke('run:get', { runId });
    if (!record.ok) return record;
    const run = this.#track(runId);
    const { request, state } = record.value;
    run.view.update((view) => ({ ...view, record: record.value, state }));
    if (run.feed.next > 0 || run.filling) return ok(run.view.current);
    // Nothing folded yet: the series can still take the run's own rule for throttled repetitions.
    const series = emptySeries(runId, { includeThrottled: request.includeThrottled });
    run.view.update((view) => ({ ...view, series }));
    await this.#refill(runId, run);
    return ok(run.view.current);
  }

  /** Lets go of a run: its buffers and series are dropped (a later batch starts it afresh). */
  forget(runId: string): void {
    this.#runs.delete(runId);
  }

  #track(runId: string): TrackedRun {
    let run = this.#runs.get(runId);
    if (!run) {
      const view = new FrameStore(emptyView(runId), this.options.schedule);
      this.#runs.set(runId, (run = { view, feed: new RunFeed(), filling: false }));
    }
    return run;
  }

  /** A run first met live: its record (and so its counting rule) is read beside the stream. */
  #follow(runId: string): TrackedRun {
    const known = this.#runs.get(runId);
    if (known) return known;
    const run = this.#track(runId);
    void this.#readRecord(runId, run);
    return run;
  }

  async #readRecord(runId: string, run: TrackedRun): Promise<void> {
    const record = await this.studio.invoke('run:get', { runId });
    if (!record.ok || this.#runs.get(runId) !== run) return;
    const { includeThrottled } = record.value.request;
    run.view.update((view) => ({
      ...view,
      record: record.value,
      series: withCountingRule(view.series, includeThrottled),
    }));
  }

  #receive({ runId, seq, samples }: RunMetricsBatch): void {
    const run = this.#follow(runId);
    this.#apply(run, run.feed.receive(seq, samples));
    if (run.feed.gapOpen && !run.filling) void this.#refill(runId, run);
  }

  #changeState({ runId, state, progress, error }: RunStateChange): void {
    const run = this.#runs.get(runId);
    (run ?? this.#follow(runId)).view.update((view) => ({ ...view, state, progress, error }));
    // The record of an ended run has its summary; one met just now is being read already.
    if (run && isTerminalRunState(state)) void this.#readRecord(runId, run);
  }

  /** Pages `run:samples` from the feed's next index until the gap closes or the store runs out. */
  async #refill(runId: string, run: TrackedRun): Promise<void> {
    run.filling = true;
    run.view.update((view) => ({ ...view, loading: true, loadError: null }));
    let loadError: StudioError | null = null;
    for (;;) {
      const before = run.feed.next;
      const after = before - 1;
      const page = await this.studio.invoke('run:samples', { runId, after, limit: this.#pageSize });
      if (this.#runs.get(runId) !== run) return;
      if (!page.ok) loadError = page.error;
      else this.#apply(run, run.feed.fill(page.value.samples));
      const progressed = run.feed.next > before;
      if (page.ok && progressed && (page.value.more || run.feed.gapOpen)) continue;
      if (run.feed.gapOpen) this.#apply(run, run.feed.giveUp());
      break;
    }
    run.filling = false;
    run.view.update((view) => ({ ...view, loading: false, loadError, missing: run.feed.missing }));
  }

  #apply(run: TrackedRun, ready: readonly RunSample[]): void {
    if (ready.length === 0) return;
    run.view.update((view) => ({
      ...view,
      series: appendToSeries(view.series, ready),
      samples: appendBounded(view.samples, ready, this.#samplesKept),
      missing: run.feed.missing,
    }));
  }
}

function emptyView(runId: string): RunView {
  return {
    runId,
    state: null,
    progress: null,
    error: null,
    record: null,
    series: emptySeries(runId),
    samples: [],
    loading: false,
    missing: 0,
    loadError: null,
  };
}

const stores = new WeakMap<StudioApi, RunStreamStore>();

/** The one run stream store of a studio window, made on first use. */
export function runStreamStoreOf(studio: StudioApi): RunStreamStore {
  let store = stores.get(studio);
  if (!store) stores.set(studio, (store = new RunStreamStore(studio)));
  return store;
}

/** One run's view in a component, re-rendered at most once per frame. */
export function useRunView(studio: StudioApi, runId: string): RunView {
  return useFrameStore(runStreamStoreOf(studio).of(runId));
}
