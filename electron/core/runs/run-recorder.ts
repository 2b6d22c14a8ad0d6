import type { RunMetricsBatch, RunSample } from '../../../shared/run';
import { StreamBatcher } from '../jobs/batcher';

/** A sample before the recorder numbers and times it. */
export type UnnumberedSample = RunSample extends infer S
  ? S extends RunSample
    ? Omit<S, 'i' | 't'>
    : never
  : never;

/** Where a run's batches go: the store (one transaction each) and every window. */
export interface RecorderSink {
  persist(runId: string, samples: RunSample[]): void;
  publish(batch: RunMetricsBatch): void;
}

/**
 * How often a run's samples are flushed at most, ms: under the job layer's 50 ms, since a
 * runner's events come in bursts (a chunk every few ms) and each waits for the next flush; one
 * SQLite transaction and one frame per flush are cheap next to that wait (stream-latency).
 */
export const runBatchIntervalMs = 20;

/**
 * Everything one run records, in arrival order: numbered from 0 (so a window that missed a batch
 * asks the store from where it lost track), timed on the host clock from the runner's launch,
 * flushed in batches by the core's batcher — written to the store, then sent — every ≤ `runBatchIntervalMs`. A
 * SIGKILL of the studio loses at most the batch not yet flushed.
 */
export class RunRecorder {
  readonly samples: RunSample[] = [];
  readonly #batcher: StreamBatcher<RunSample>;
  #launchedAt = performance.now();
  readonly #listeners: ((sample: RunSample) => void)[] = [];

  constructor(
    readonly runId: string,
    sink: RecorderSink,
  ) {
    this.#batcher = new StreamBatcher<RunSample>(
      (batch) => {
        sink.persist(runId, batch.items);
        sink.publish({ runId, seq: batch.seq, samples: batch.items });
      },
      { intervalMs: runBatchIntervalMs, maxPending: Number.POSITIVE_INFINITY },
    );
  }

  /** The runner is being launched now: `t` counts from here. */
  markLaunch(): void {
    this.#launchedAt = performance.now();
  }

  /** Records a sample; returns it numbered and timed. */
  record(sample: UnnumberedSample, at = performance.now()): RunSample {
    const numbered = {
      ...sample,
      i: this.samples.length,
      t: Math.round((at - this.#launchedAt) * 100) / 100,
    } as RunSample;
    this.samples.push(numbered);
    this.#batcher.push(numbered);
    for (const listener of this.#listeners) listener(numbered);
    return numbered;
  }

  /** Calls `listener` with every sample recorded from now on. */
  onRecord(listener: (sample: RunSample) => void): void {
    this.#listeners.push(listener);
  }

  /** A line for the run's log (the studio's own, stderr, logcat, or a malformed runner line). */
  log(source: Extract<RunSample, { kind: 'log' }>['source'], line: string): void {
    this.record({ kind: 'log', source, line });
  }

  /** Writes and sends what is pending (the run ended). */
  flush(): void {
    this.#batcher.flush();
  }
}
