import { fail, type Result } from '../../../shared/result';
import type { RunDeviceSample } from '../../../shared/run';
import type { RunnerEvent } from '../../../shared/runner-events';
import { classifyRunnerExit } from './phone/runner-exit';
import type { PassOutcome } from './run-pass';
import type { PhoneRun } from './run-phone';
import { summaryOf } from './run-summary';

/**
 * How a pass failed, as the run's error, or null when it went well. A failure keeps what the
 * run measured until then (its partial summary) and the runner's last stderr and logcat lines in
 * the run's log (an accuracy pass's logcat is not logged as it comes, so its tail is logged
 * here); an out-of-memory kill names the RSS the runner reached in that pass.
 */
export function failureOf(run: PhoneRun, pass: PassOutcome): Result<never> | null {
  const failure = classifyRunnerExit({
    launch: pass.exit,
    events: pass.events,
    pid: pass.pid,
    logcat: pass.logcat,
    lastMemory: lastMemory(pass.timed ? run.recorder.samples : pass.events.map(asReading)),
    stopped: pass.stopped,
  });
  if (!failure) return null;
  const { recorder } = run;
  for (const line of failure.stderrTail) recorder.log('stderr', line);
  if (!pass.timed) for (const line of failure.logcatTail) recorder.log('logcat', line);
  run.deps.keepPartial(run.context.jobId, summaryOf(run, null));
  return fail(failure.error.code, failure.error.message);
}

/** What a memory reading is looked for in: a run's recorded samples, or one pass's events. */
type Reading =
  | { kind: 'device'; sample: RunDeviceSample }
  | { kind: 'runner'; event: RunnerEvent }
  | { kind: 'log' };

/** The runner's last memory reading, from outside samples or its own `mem` lines. */
function lastMemory(samples: readonly Reading[]): { vmRssKb: number; vmHwmKb: number } | null {
  for (let index = samples.length - 1; index >= 0; index--) {
    const sample = samples[index]!;
    if (sample.kind === 'device' && sample.sample.memory) return sample.sample.memory;
    if (sample.kind === 'runner' && sample.event.ev === 'mem') {
      return { vmRssKb: sample.event.rss_kb, vmHwmKb: sample.event.hwm_kb };
    }
  }
  return null;
}

const asReading = (event: RunnerEvent): Reading => ({ kind: 'runner', event });
