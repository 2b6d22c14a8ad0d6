import type { InvokeHandlers } from '../../../shared/contract';
import type { StudioEventBus } from '../../../shared/event-bus';
import { fail, ok, type StudioError } from '../../../shared/result';
import {
  runRequestSchema,
  type RunRecord,
  type RunRequestInput,
  type RunSample,
} from '../../../shared/run';
import type { RunSummary } from '../../../shared/run-metrics';
import type { RunState } from '../../../shared/run-state';
import { scenarioLabel } from '../../../shared/scenario';
import { sampleFarm } from '../../../shared/testing/sample-devices';

const fidelity = { tokens: 40, cosineMean: 0.998, top1Agreement: 0.95, klMean: 0.002, klP95: 0.01 };

/** A finished run's summary with accuracy, for the page's panels. */
export function fakeSummary(ttftMs: number): RunSummary {
  const statistic = {
    n: 3,
    median: ttftMs,
    p90: ttftMs,
    mean: ttftMs,
    sd: 1,
    ciLow: ttftMs - 2,
    ciHigh: ttftMs + 2,
  };
  return {
    repetitions: { measured: 3, warmup: 1, excludedThrottled: 0 },
    stats: { ttftMs: statistic },
    coldTtftMs: ttftMs,
    warmTtftMs: ttftMs,
    loadMs: 10,
    promptTokens: 64,
    chunks: 2,
    decodeTokens: 4,
    memory: null,
    pssPeakBytes: null,
    accuracy: { prompts: 1, total: fidelity, cache: fidelity, quantization: fidelity, task: null },
    energy: null,
    thermal: { samples: 4, throttledSamples: 0, worstStatus: 'none', includeThrottled: false },
    malformedLines: 0,
  };
}

/**
 * An in-memory run service behind the page: `run:start` keeps a record, the test streams its
 * samples (`emit`, kept for `run:samples` as the studio's store would) and moves its state.
 * The bus is bound after the app renders (`bind`), since renderApp makes its own.
 */
export function fakeRuns(seed: RunRecord[] = []) {
  const records = new Map(seed.map((record) => [record.id, record]));
  const samples = new Map<string, RunSample[]>();
  const seqs = new Map<string, number>();
  let bus: StudioEventBus | null = null;
  let next = 1;
  /** Moves a run's state; a failure can carry its error and the last step it had reported. */
  const setState = (
    runId: string,
    state: RunState,
    summary: RunSummary | null = null,
    failure: { error: StudioError; message: string } | null = null,
  ) => {
    const record = records.get(runId)!;
    const error = failure?.error ?? null;
    records.set(runId, { ...record, state, error, summary: summary ?? record.summary });
    bus?.emit('run:onDidChangeState', {
      runId,
      state,
      progress: { fraction: state === 'finished' ? 1 : 0.5, message: failure?.message ?? state },
      error,
    });
  };
  const emit = (runId: string, batch: RunSample[], opts: { drop?: boolean } = {}) => {
    samples.set(runId, [...(samples.get(runId) ?? []), ...batch]);
    const seq = (seqs.get(runId) ?? 0) + 1;
    seqs.set(runId, seq);
    if (!opts.drop) bus?.emit('run:metrics', { runId, seq, samples: batch });
  };
  const handlers: Partial<InvokeHandlers> = {
    'run:start': async (request) => {
      if (!sampleFarm.devices.some((device) => device.key === request.device))
        return fail('not-found', `No phone ${request.device}`);
      const id = `run-${next++}`;
      records.set(id, fakeRecord(id, request, 'queued', Date.now()));
      return ok({ runId: id });
    },
    'run:stop': async ({ runId }) => {
      const record = records.get(runId);
      if (!record || record.state === 'cancelled') return ok({ stopped: false });
      setState(runId, 'cancelled');
      return ok({ stopped: true });
    },
    'run:list': async (filter) => {
      const runs = [...records.values()].filter(
        (run) =>
          (!filter.device || run.deviceKey === filter.device) &&
          (!filter.model || run.request.model === filter.model) &&
          (!filter.scenario || run.scenario === filter.scenario) &&
          (!filter.quant || run.quant === filter.quant),
      );
      return ok({ runs: runs.sort((a, b) => b.createdAt - a.createdAt) });
    },
    'run:get': async ({ runId }) => {
      const record = records.get(runId);
      return record ? ok(record) : fail('not-found', `No run ${runId}`);
    },
    'run:samples': async ({ runId, after, limit }) => {
      if (!records.has(runId)) return fail('not-found', `No run ${runId}`);
      const from = (samples.get(runId) ?? []).filter((sample) => sample.i > after);
      return ok({ samples: from.slice(0, limit), more: from.length > limit });
    },
    'run:delete': async ({ runId }) => {
      if (!records.delete(runId)) return fail('not-found', `No run ${runId}`);
      return ok({ deleted: true as const });
    },
  };
  return {
    handlers,
    records,
    bind: (events: StudioEventBus) => void (bus = events),
    emit,
    setState,
    store: (runId: string, batch: RunSample[]) => samples.set(runId, batch),
  };
}

/** A run record as the studio's store keeps one. */
export function fakeRecord(
  id: string,
  input: RunRequestInput,
  state: RunState,
  createdAt: number,
  summary: RunSummary | null = null,
): RunRecord {
  const request = runRequestSchema.parse(input);
  return {
    id,
    state,
    request,
    deviceKey: request.device,
    scenario: scenarioLabel(request.scenario),
    quant: request.quant,
    createdAt,
    endedAt: null,
    error: null,
    context: null,
    summary,
    samples: 0,
    sweepId: null,
  };
}
