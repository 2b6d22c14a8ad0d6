import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import type { RunSummary } from '../../../shared/run-metrics';
import type { RunnerEvent } from '../../../shared/runner-events';
import { failureOf } from './run-failure';
import type { PassOutcome } from './run-pass';
import type { PhoneRun } from './run-phone';
import { RunRecorder } from './run-recorder';

const kill = "lowmemorykiller: Kill 'edge-runner' (42), adj 0, to free 1024kB";

/** A run whose timed pass was sampled at 10 MiB RSS; `pass` is a later pass that failed. */
function runAfterTimedPass() {
  const recorder = new RunRecorder('run-1', { persist: () => undefined, publish: () => undefined });
  const memory = {
    vmRssKb: 10_240,
    vmHwmKb: 10_240,
    rssAnonKb: null,
    rssFileKb: null,
    pssKb: null,
  };
  const sample = { memory, thermal: null, battery: null, cpuFreqKhz: [], power: null };
  recorder.record({ kind: 'device', sample, throttled: false });
  recorder.log('logcat', 'I timed pass line');
  const kept: RunSummary[] = [];
  const run = {
    recorder,
    request: { includeThrottled: false, warmup: 0 },
    host: {
      artifact: { kvCacheBytes: 0, memoryStateBytes: 0 },
      prompts: { timed: { tokens: [1, 2, 3] } },
      weightsBytes: 0,
    },
    context: { jobId: 'run-1' },
    deps: { keepPartial: (_: string, summary: RunSummary) => kept.push(summary) },
  } as unknown as PhoneRun;
  return { run, recorder, kept };
}

function killedPass(timed: boolean, events: RunnerEvent[]): PassOutcome {
  return {
    exit: ok({ exitCode: 137, stderrTail: ['E dying'], pid: 42, malformed: 0 }),
    events,
    logcat: ['I accuracy pass line', kill],
    dir: '/data/local/tmp/edge-studio/runs/run-1/score-0',
    stopped: false,
    pid: 42,
    timed,
  };
}

const logged = (recorder: RunRecorder, source: string) =>
  recorder.samples.flatMap((s) => (s.kind === 'log' && s.source === source ? [s.line] : []));

describe('failureOf', () => {
  it("names an accuracy pass's own RSS at an out-of-memory kill, and keeps its logcat", () => {
    const { run, recorder, kept } = runAfterTimedPass();
    const mem = { ev: 'mem', t_ms: 5, rss_kb: 300 * 1024, hwm_kb: 310 * 1024 } as RunnerEvent;
    const failed = failureOf(run, killedPass(false, [mem]));
    expect(failed?.ok).toBe(false);
    if (failed?.ok !== false) return;
    expect(failed.error.code).toBe('out-of-memory');
    expect(failed.error.message).toContain('310 MiB');
    expect(logged(recorder, 'logcat')).toEqual(['I timed pass line', 'I accuracy pass line', kill]);
    expect(logged(recorder, 'stderr')).toEqual(['E dying']);
    expect(kept).toHaveLength(1);
  });

  it("reads the timed pass's memory from its samples and does not log its logcat twice", () => {
    const { run, recorder } = runAfterTimedPass();
    const failed = failureOf(run, killedPass(true, []));
    if (failed?.ok !== false) throw new Error('expected a failure');
    expect(failed.error.message).toContain('10 MiB');
    expect(logged(recorder, 'logcat')).toEqual(['I timed pass line']);
  });
});
