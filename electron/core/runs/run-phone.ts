import { posix } from 'node:path';
import { ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { RunSummary } from '../../../shared/run-metrics';
import type { DeviceService } from '../devices/device-service';
import type { JobContext } from '../jobs/job-session';
import { scoreOnPhone } from './run-accuracy';
import type { HostPrepared } from './run-host';
import { runDirOnPhone, type RunDevice } from './run-device';
import { runContextOf, withFirstSample, withRunnerHello } from './run-context';
import { runPass, type PassSetting } from './run-pass';
import { runPlan, runFileNames } from './run-plan';
import type { RunRecorder } from './run-recorder';
import type { SessionDeps } from './run-session';
import { failureOf } from './run-failure';
import { summaryOf } from './run-summary';
import { pushRunFiles } from './push-run-files';
import { waitUntilCool } from './thermal-gate';

type Found = Extract<Awaited<ReturnType<DeviceService['device']>>, { ok: true }>['value'];

/** A run once its graphs are ready and its phone leased. */
export interface PhoneRun {
  request: RunRequest;
  deps: SessionDeps;
  context: JobContext;
  recorder: RunRecorder;
  device: Found['device'];
  adb: ReturnType<DeviceService['adbTarget']>;
  host: HostPrepared;
  /** Its details and runtime, read while its lease was taken. */
  phone: RunDevice;
}

/**
 * The phone's part of a run: its bundle and graphs pushed (skipped when cached), its context
 * kept, the phone let cool (while the timed pass's files are sent), the timed pass, then the
 * accuracy passes. The session removes the run's folder on the phone at the end, whatever
 * happened (`removeRunDir`). A failure keeps what was measured until then.
 */
export async function runOnPhone(run: PhoneRun): Promise<Result<RunSummary>> {
  const { request, deps, context, device, host } = run;
  const { details, runtime } = run.phone;
  context.enter('pushing');
  const bundle = { dir: runtime.bundle.dir, manifest: runtime.manifest };
  const files = await pushRunFiles(device, host.artifact, bundle, {
    adb: run.adb,
    signal: context.signal,
    onProgress: (fraction, message) => context.progress(0.1 + 0.2 * fraction, `push: ${message}`),
  });
  if (!files.ok) return files;
  let runContext = runContextOf({
    details,
    bundleId: runtime.bundle.id,
    artifact: host.artifact,
    graphHashes: {
      prefill: posix.basename(files.value.prefill),
      decode: posix.basename(files.value.decode),
    },
  });
  deps.repo.setContext(context.jobId, runContext);
  const setting: PassSetting = {
    device,
    request,
    phoneDir: runDirOnPhone(context.jobId),
    bundle: { manifest: runtime.manifest, dir: files.value.bundleDir },
    recorder: run.recorder,
    signal: context.signal,
  };
  context.enter('running');
  reportRepetitions(run);
  const plan = (dir: string) =>
    runPlan(request, host.artifact, host.inspection, files.value, {
      dir,
      prompt: runFileNames.prompt,
      decodeTokens: host.prompts.decodeTokens,
      timed: true,
    });
  const timed = await runPass(setting, 'timed', plan, host.prompts.timed.tokens, letCool(run));
  if (!timed.ok) return timed;
  const hello = timed.value.events.find((event) => event.ev === 'hello');
  const sample = run.recorder.samples.find((each) => each.kind === 'device');
  if (hello) runContext = withRunnerHello(runContext, hello);
  if (sample?.kind === 'device') runContext = withFirstSample(runContext, sample.sample);
  deps.repo.setContext(context.jobId, runContext);
  const failed = failureOf(run, timed.value);
  if (failed) return failed;
  context.progress(0.9, 'accuracy');
  const accuracy = await scoreOnPhone(run, setting, files.value);
  if (!accuracy.ok) {
    deps.keepPartial(context.jobId, summaryOf(run, null));
    return accuracy;
  }
  const summary = ok(summaryOf(run, accuracy.value));
  return summary;
}

/** The gate before the first repetition: wait (bounded) for the phone to cool. */
async function letCool({ request, recorder, device, context }: PhoneRun): Promise<void> {
  const note = (message: string) => recorder.log('studio', message);
  const waited = await waitUntilCool(device, request.gate, { signal: context.signal, note });
  if (waited.stillThrottled) {
    note(
      `still throttled after ${waited.waitedMs} ms (${waited.stillThrottled}): going on, flagged`,
    );
  }
}

/** Progress through the timed pass: one step per repetition's first token. */
function reportRepetitions({ request, context, recorder }: PhoneRun): void {
  const total = request.warmup + request.repetitions;
  let done = 0;
  recorder.onRecord((sample) => {
    if (sample.kind !== 'runner' || sample.event.ev !== 'first_token') return;
    done++;
    context.progress(0.3 + (0.6 * done) / total, `repetition ${done} of ${total}`);
  });
}
