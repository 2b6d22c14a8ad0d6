import { describe, expect, it } from 'vitest';
import { runRecordSchema, type RunRecord } from '../../shared/run';
import type { RunSummary } from '../../shared/run-metrics';
import { testRun, testSummary } from '../core/store/testing-runs';
import { formatRun } from './format-run';
import { formatRuns } from './runs-command';
import { runFailure } from './run-command';

const MiB = 1024 * 1024;
const fidelity = (cosineMean: number) => ({
  tokens: 200,
  cosineMean,
  top1Agreement: 0.955,
  klMean: 0.0123,
  klP95: 0.05,
});

/** A summary the way a run on an emulated phone ends: every part present. */
function fullSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    ...testSummary(42),
    memory: {
      peakBytes: 300 * MiB,
      weightsBytes: 200 * MiB,
      weightsSource: 'runner',
      kvCacheBytes: 12 * MiB,
      memoryStateBytes: 2 * MiB,
      runtimeBytes: 86 * MiB,
      runtimeNegative: false,
      weightsCountedTwice: false,
    },
    pssPeakBytes: 250 * MiB,
    accuracy: {
      prompts: 2,
      total: fidelity(0.991),
      cache: fidelity(0.998),
      quantization: fidelity(0.993),
      task: { answered: 2, exactMatch: 0.5, f1: 0.75, rougeL: 0.7 },
    },
    energy: {
      prefillUahPerToken: 0.12,
      decodeUahPerToken: 0.5,
      prefillMjPerToken: 1.8,
      decodeMjPerToken: 7.4,
      samples: 30,
      charging: false,
    },
    ...overrides,
  };
}

function record(summary: RunSummary | null, patch: Partial<RunRecord> = {}): RunRecord {
  const run = testRun('r-1', Date.UTC(2026, 11, 2, 9, 30), { repetitions: 5, warmup: 1 });
  return runRecordSchema.parse({
    ...run,
    state: 'finished',
    endedAt: run.createdAt + 60_000,
    error: null,
    context: null,
    summary,
    samples: 120,
    sweepId: null,
    ...patch,
  });
}

describe('formatRun', () => {
  it('prints every part of a finished run: speed with CIs, memory breakdown, accuracy, energy', () => {
    const lines = formatRun(record(fullSummary())).split('\n');
    expect(lines).toEqual([
      'run r-1  finished  on local/emulator-5554',
      'builtin:tiny, int8-channel:qdq, c64-s4-w256-mem, ep cpu, 1 thread',
      '512 prompt tokens in 8 chunks, 16 decode tokens; 5 repetitions measured, 1 warm-up',
      'TTFT          median 42.0 ms  95 % CI 37.8 ms – 46.2 ms  p90 50.4 ms  (n 5)',
      '  cold 63.0 ms, warm 42.0 ms',
      'prefill       median 900.0 tok/s  95 % CI 810.0 tok/s – 990.0 tok/s  (n 5)',
      'decode        (not measured)',
      'load          120.0 ms (session create, both graphs)',
      'peak memory   300.0 MiB, PSS 250.0 MiB',
      '  weights 200.0 MiB (runner), KV cache 12.0 MiB + memory 2.0 MiB, runtime 86.0 MiB',
      'fidelity      on 2 prompts, 200 tokens, against the float full-context reference',
      '  total         cosine 0.9910  top-1 95.5 %  KL 1.23e-2',
      '  cache         cosine 0.9980  top-1 95.5 %  KL 1.23e-2',
      '  quantisation  cosine 0.9930  top-1 95.5 %  KL 1.23e-2',
      'task score    on 2 answers: EM 0.500  F1 0.750  ROUGE-L 0.700',
      'energy        prefill 0.12 µAh/tok (1.80 mJ/tok), decode 0.50 µAh/tok (7.40 mJ/tok), 30 samples',
      'thermal       40 samples, 0 throttled (worst none); 0 throttled repetitions excluded from the statistics',
    ]);
  });

  it('flags a negative runtime, weights counted twice, charging and throttled repetitions', () => {
    const base = fullSummary();
    const text = formatRun(
      record({
        ...base,
        repetitions: { measured: 5, warmup: 1, excludedThrottled: 2 },
        memory: {
          ...base.memory!,
          runtimeBytes: -4 * MiB,
          runtimeNegative: true,
          weightsCountedTwice: true,
        },
        energy: {
          ...base.energy!,
          decodeUahPerToken: null,
          decodeMjPerToken: null,
          charging: true,
        },
        thermal: {
          samples: 40,
          throttledSamples: 9,
          worstStatus: 'severe',
          includeThrottled: false,
        },
        accuracy: { ...base.accuracy!, task: null },
        malformedLines: 3,
      }),
    );
    expect(text).toContain(
      'runtime -4.0 MiB  [runtime negative: weights and state overcount the peak; weights counted twice (mapped pages and a packed copy)]',
    );
    expect(text).toContain(
      "decode n/a, 30 samples  [charging: the battery's current is not the phone's draw]",
    );
    expect(text).toContain(
      '9 throttled (worst severe); 2 throttled repetitions excluded from the statistics',
    );
    expect(text).toContain('task score    none (no answers in the dataset)');
    expect(text).toContain('3 runner lines were not contract events (logged)');
    const counted = formatRun(
      record({ ...base, thermal: { ...base.thermal, includeThrottled: true } }),
    );
    expect(counted).toContain('throttled repetitions counted in the statistics');
  });

  it('prints a failed run with its error, and a failure line with what to do', () => {
    const failed = record(null, {
      state: 'failed',
      error: { code: 'out-of-memory', message: 'killed by the memory budget at 512.0 MiB' },
    });
    expect(formatRun(failed).split('\n').slice(2)).toEqual([
      'error: out-of-memory: killed by the memory budget at 512.0 MiB',
      'no summary: the run did not finish',
    ]);
    expect(runFailure(failed)).toBe(
      'run r-1 failed: killed by the memory budget at 512.0 MiB (the phone ran out of memory; try a smaller quantisation, window or chunk)',
    );
    const stopped = record(null, {
      state: 'cancelled',
      error: { code: 'cancelled', message: 'x' },
    });
    expect(runFailure(stopped, true)).toBe('run r-1 stopped on the phone');
  });
});

describe('formatRuns', () => {
  it('tabulates runs in aligned columns, with a dash where a run has no numbers', () => {
    const finished = record(fullSummary());
    const failed = record(null, { id: 'r-22', state: 'failed', quant: 'int4-g32:nbits' });
    expect(formatRuns([finished, failed]).split('\n')).toEqual([
      'ID    WHEN (UTC)           PHONE                SCENARIO         QUANT             STATE     TTFT     PEAK',
      'r-1   2026-12-02 09:30:00  local/emulator-5554  c64-s4-w256-mem  int8-channel:qdq  finished  42.0 ms  300.0 MiB',
      'r-22  2026-12-02 09:30:00  local/emulator-5554  c64-s4-w256-mem  int4-g32:nbits    failed    -        -',
    ]);
    expect(formatRuns([])).toBe('no runs');
  });
});
