import type { RunSummary } from '../../../shared/run-metrics';
import { summariseRun } from './metrics/summarise-run';
import type { PhoneRun } from './run-phone';

/** The run's summary from what it recorded. */
export function summaryOf(run: PhoneRun, accuracy: RunSummary['accuracy']): RunSummary {
  const { artifact, prompts, weightsBytes } = run.host;
  return summariseRun(run.recorder.samples, {
    weightsBytes,
    kvCacheBytes: artifact.kvCacheBytes,
    memoryStateBytes: artifact.memoryStateBytes,
    promptTokens: prompts.timed.tokens.length,
    includeThrottled: run.request.includeThrottled,
    warmup: run.request.warmup,
    accuracy,
  });
}
