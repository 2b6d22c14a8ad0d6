import { posix } from 'node:path';
import { fail, ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { RunSummary } from '../../../shared/run-metrics';
import { readDeviceDetails } from '../devices/device-details';
import type { DeviceService } from '../devices/device-service';
import { studioDir } from '../devices/push/cache-layout';
import { runShell } from '../devices/shell/device-shell';
import type { JobContext } from '../jobs/job-session';
import { scoreOnPhone } from './run-accuracy';
import type { HostPrepared } from './run-host';
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
}

/**
 * The phone's part of a run: its bundle and graphs pushed (skipped when cached), its context
 * kept, the phone let cool, the timed pass, then the accuracy passes; the run's folder on the
 * phone is removed at the end, whatever happened. A failure keeps what was measured until then.
 */
export async function runOnPhone(run: PhoneRun): Promise<Result<RunSummary>> {
  const { request, deps, context, device, host } = run;
  const details = await readDeviceDetails(device, request.device);
  if (!details.abi) return fail('unavailable', `${request.device} did not report its ABI`);
  const runtime = await deps.runtimes.pick(details.abi, request.runtime);
  if (!runtime.ok) return runtime;
  context.enter('pushing');
  const bundle = { dir: runtime.value.bundle.dir, manifest: runtime.value.manifest };
  const files = await pushRunFiles(device, host.artifact, bundle, {
    adb: run.adb,
    signal: context.signal,
    onProgress: (fraction, message) => context.progress(0.1 + 0.2 * fraction, `push: ${message}`),
  });
  if (!files.ok) return files;
  const phoneDir = posix.join(studioDir, 'runs', context.jobId);
  let runContext = runContextOf({
    details,
    bundleId: runtime.value.bundle.id,
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
    phoneDir,
    bundle: { manifest: runtime.value.manifest, dir: files.value.bundleDir },
    recorder: run.recorder,
    signal: context.signal,
  };
  try {
    context.enter('running');
    await letCool(run);
    reportRepetitions(run);
    const plan = (dir: string) =>
      runPlan(request, host.artifact, host.inspection, files.value, {
        dir,
        prompt: runFileNames.prompt,
        decodeTokens: host.prompts.decodeTokens,
        timed: true,
      });
    const timed = await runPass(setting, 'timed', plan, host.prompts.timed.tokens);
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
    return ok(summaryOf(run, accuracy.value));
  } finally {
    await runShell(device, 'rm', ['-rf', phoneDir], { timeoutMs: 30_000 });
  }
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
