import type { RunRecord, RunRequestInput, RunSample } from '../../shared/run';
import type { RunState } from '../../shared/run-state';
import { isTerminalRunState } from '../../shared/run-state';
import type { RunFarm } from '../core/runs/testing-run-farm';

/** A studio run as a bench sees it: its record, its wall time and when each state began. */
export interface TimedRun {
  record: RunRecord;
  /** From `run:start` to the event saying it ended, ms. */
  wallMs: number;
  /** ms after `run:start` at which each state was first announced. */
  states: Partial<Record<RunState, number>>;
}

/**
 * Runs one request through the studio core and times it from `run:start` to its end state;
 * `onSample` sees every streamed sample as its batch arrives (each within ~50 ms of its time).
 * A run that does not finish throws: a bench has no figure from it.
 */
export async function timedRun(
  farm: RunFarm,
  request: RunRequestInput,
  onSample?: (sample: RunSample, runId: string) => void,
): Promise<TimedRun> {
  const states: TimedRun['states'] = {};
  let runId = '';
  // Events of this run can arrive before run:start answers with its id: kept by id until then.
  const seen = new Map<string, { state: RunState; at: number }[]>();
  let resolveEnd: (at: number) => void = () => undefined;
  const end = new Promise<number>((resolve) => (resolveEnd = resolve));
  const note = (id: string, state: RunState, at: number) => {
    if (id !== runId) return;
    states[state] ??= at;
    if (isTerminalRunState(state)) resolveEnd(at);
  };
  const offState = farm.studio.on('run:onDidChangeState', (change) => {
    const at = performance.now() - started;
    if (runId === '')
      seen.set(change.runId, [...(seen.get(change.runId) ?? []), { ...change, at }]);
    else note(change.runId, change.state, at);
  });
  const offMetrics = farm.studio.on('run:metrics', (batch) => {
    if (onSample && batch.runId === runId) for (const each of batch.samples) onSample(each, runId);
  });
  const started = performance.now();
  try {
    const run = await farm.studio.invoke('run:start', request);
    if (!run.ok) throw new Error(run.error.message);
    runId = run.value.runId;
    for (const early of seen.get(runId) ?? []) note(runId, early.state, early.at);
    const wallMs = await end;
    const record = await farm.studio.invoke('run:get', { runId });
    if (!record.ok) throw new Error(record.error.message);
    if (record.value.state !== 'finished') {
      throw new Error(`run ${runId} ${record.value.state}: ${record.value.error?.message}`);
    }
    return { record: record.value, wallMs, states };
  } finally {
    offState();
    offMetrics();
  }
}

/** The measured repetitions' TTFTs of a finished run, in order, from its stored samples. */
export async function measuredTtfts(farm: RunFarm, runId: string): Promise<number[]> {
  const stored = await farm.studio.invoke('run:samples', { runId, limit: 50_000 });
  if (!stored.ok) throw new Error(stored.error.message);
  return stored.value.samples.flatMap((sample) =>
    sample.kind === 'runner' && sample.event.ev === 'first_token' && !sample.event.warmup
      ? [sample.event.ttft_ms]
      : [],
  );
}
