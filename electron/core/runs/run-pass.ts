import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { RunnerEvent } from '../../../shared/runner-events';
import type { RunnerPlan } from '../../../shared/runner-plan';
import { sendFile, type PushTarget } from '../devices/push/send-file';
import type { ShellTransport } from '../devices/shell/device-shell';
import { captureLogcat } from './phone/logcat-capture';
import type { PullDevice } from './phone/pull-file';
import { launchRunner, type RunnerExit } from './phone/runner-launch';
import { findRunnerProcesses, stopRunner } from './phone/stop-runner';
import { runFileNames } from './run-plan';
import type { RunRecorder } from './run-recorder';
import { RunWatch } from './run-watch';
import { deviceLaunchLine, type BundleManifest } from './runtimes/runtime-bundle';

/** What every pass of a run on one phone shares. */
export interface PassSetting {
  device: ShellTransport & PushTarget & PullDevice;
  request: RunRequest;
  /** The run's folder on the phone; each pass has a folder in it. */
  phoneDir: string;
  bundle: { manifest: BundleManifest; dir: string };
  recorder: RunRecorder;
  signal: AbortSignal;
}

/** How one pass of the runner went. */
export interface PassOutcome {
  /** How the launch ended: its exit, or the shell's error (the link dropped, a stop). */
  exit: Result<RunnerExit>;
  events: RunnerEvent[];
  /** The phone's logcat while it ran (the last lines). */
  logcat: string[];
  /** The pass's folder on the phone (its plan's `output_dir` is inside). */
  dir: string;
  /** It was stopped (the run's signal): the runner was killed and checked gone. */
  stopped: boolean;
  /** The runner's pid, from its hello line. */
  pid: number | null;
  /** The timed pass: its events, samples and logcat went to the run's recorder as they came. */
  timed: boolean;
}

/**
 * One launch of the runner: its plan and prompt go into the pass's folder on the phone while
 * `ready` (the timed pass's wait for the phone to cool), then the logcat capture, start; it runs
 * through the safe launch line, and — for the timed pass — every event, outside sample, logcat
 * and malformed line is recorded as it arrives, with the thermal gate holding repetitions while
 * the phone is too hot. On the run's signal the runner is stopped on the phone and checked gone.
 */
export async function runPass(
  setting: PassSetting,
  name: string,
  planFor: (dir: string) => RunnerPlan,
  prompt: readonly number[],
  ready: Promise<unknown> = Promise.resolve(),
): Promise<Result<PassOutcome>> {
  const dir = posix.join(setting.phoneDir, name);
  const plan = planFor(dir);
  const planPath = posix.join(dir, runFileNames.plan);
  const line = deviceLaunchLine(setting.bundle.manifest, setting.bundle.dir, planPath);
  if (!line.ok) return line;
  const timed = plan.hold_file !== undefined;
  // Logcat is captured from once the phone is cool, while the files may still be on their way.
  const capture = ready.then(() =>
    captureLogcat(setting.device, {
      onLine: (text) => (timed ? setting.recorder.log('logcat', text) : undefined),
    }),
  );
  const [sent, logcat] = await Promise.all([
    sendPassFiles(setting.device, dir, plan, prompt),
    capture,
  ]);
  if (!sent.ok) {
    await logcat.stop();
    return sent;
  }
  const watch = new RunWatch(setting, posix.join(dir, runFileNames.hold), timed);
  const events: RunnerEvent[] = [];
  if (timed) setting.recorder.markLaunch();
  const exit = await launchRunner(setting.device, line.value, {
    signal: setting.signal,
    onEvent: (event, at) => {
      events.push(event);
      if (timed) setting.recorder.record({ kind: 'runner', event }, at);
      watch.heard(event);
    },
    onMalformed: (text) => setting.recorder.log('malformed', text),
  });
  const stopped = setting.signal.aborted;
  const clean = exit.ok && exit.value.exitCode === 0 && !stopped;
  // A clean exit has nothing more to say: both ends stop at once. Otherwise logcat goes on until
  // the runner is stopped, so a kill's lines (the low-memory killer's) are in it.
  const lines = clean
    ? (await Promise.all([watch.stop(), logcat.stop()]))[1]
    : await stopThenRead(setting, watch, planPath, logcat, stopped);
  return ok({ exit, events, logcat: lines, dir, stopped, pid: watch.pid, timed });
}

async function stopThenRead(
  setting: PassSetting,
  watch: RunWatch,
  planPath: string,
  logcat: { stop(): Promise<string[]> },
  stopped: boolean,
): Promise<string[]> {
  await watch.stop();
  if (stopped) await stopLeftRunner(setting, watch.pid, planPath);
  return logcat.stop();
}

/** The plan and the prompt (int32 little-endian), sent into the pass's folder. */
async function sendPassFiles(
  device: PushTarget,
  dir: string,
  plan: RunnerPlan,
  prompt: readonly number[],
): Promise<Result<void>> {
  const files: [string, Buffer][] = [
    [plan.prompt, Buffer.from(Int32Array.from(prompt).buffer)],
    [runFileNames.plan, Buffer.from(JSON.stringify(plan))],
  ];
  const sent = await Promise.all(
    files.map(([file, bytes]) => sendFile(device, Readable.from([bytes]), posix.join(dir, file))),
  );
  return sent.find((each) => !each.ok) ?? ok(undefined);
}

/**
 * Stops what the pass left running: the runner by its pid (or, when it never said hello, by its
 * plan path among the phone's processes), then checks no process of the pass is left.
 */
async function stopLeftRunner(setting: PassSetting, pid: number | null, planPath: string) {
  const { device, recorder } = setting;
  const found = pid === null ? await findRunnerProcesses(device, planPath) : ok([pid]);
  for (const each of found.ok ? found.value : []) {
    const stopped = await stopRunner(device, each);
    recorder.log(
      'studio',
      stopped.ok ? `runner ${each} ${stopped.value.how}` : stopped.error.message,
    );
  }
  const left = await findRunnerProcesses(device, planPath);
  recorder.log(
    'studio',
    left.ok
      ? left.value.length === 0
        ? 'no runner process is left on the phone'
        : `runner processes still on the phone: ${left.value.join(', ')}`
      : `could not check the phone for runner processes: ${left.error.message}`,
  );
}
