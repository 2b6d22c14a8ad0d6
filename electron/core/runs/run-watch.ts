import type { RunDeviceSample } from '../../../shared/run';
import type { RunnerEvent } from '../../../shared/runner-events';
import { sampleRun } from './phone/run-sampler';
import type { PassSetting } from './run-pass';
import { HoldGate, throttleReason } from './thermal-gate';

/**
 * The outside eye on a timed pass: once the runner says hello, its pid is sampled at the run's
 * rate (unless sampling is off), every sample recorded with whether it was throttled, and the
 * thermal gate told of each sample and each runner line. Other passes only keep the pid (to stop
 * the runner if asked).
 */
export class RunWatch {
  pid: number | null = null;
  readonly #controller = new AbortController();
  readonly #gate: HoldGate;
  #sampling: Promise<void> = Promise.resolve();

  constructor(
    private readonly setting: PassSetting,
    holdPath: string,
    private readonly timed: boolean,
  ) {
    const note = (message: string) => setting.recorder.log('studio', message);
    this.#gate = new HoldGate(setting.device, holdPath, setting.request.gate, note);
  }

  /** A runner line: hello starts the watch; every line tells the gate where the runner is. */
  heard(event: RunnerEvent): void {
    if (event.ev === 'hello') this.start(event.pid);
    this.#gate.heard(event);
  }

  /** The runner said hello: watch its pid. */
  start(pid: number): void {
    this.pid = pid;
    if (this.timed && this.setting.request.sampling) this.#sampling = this.#sample(pid);
  }

  /** Stops sampling and lets the runner go on past any hold. */
  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#sampling;
    await this.#gate.release();
  }

  async #sample(pid: number): Promise<void> {
    const { device, request, recorder } = this.setting;
    const samples = sampleRun(device, {
      pid,
      intervalMs: request.sampleIntervalMs,
      signal: this.#controller.signal,
    });
    // A sample reads thermal and battery only every so often: the latest of each stands.
    const latest: Pick<RunDeviceSample, 'thermal' | 'battery'> = { thermal: null, battery: null };
    for await (const { tMs, sample } of samples) {
      latest.thermal = sample.thermal ?? latest.thermal;
      latest.battery = sample.battery ?? latest.battery;
      const throttled = throttleReason(latest, request.gate) !== null;
      recorder.record({ kind: 'device', sample, throttled }, tMs);
      void this.#gate.update(latest);
    }
  }
}
