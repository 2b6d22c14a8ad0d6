import type { RunDeviceSample, RunSample } from '../../../../shared/run';
import type { RunnerEvent } from '../../../../shared/runner-events';

/** Builds a run's samples for tests, numbering them in the order they are added. */
export class SampleLog {
  readonly samples: RunSample[] = [];

  runner(t: number, event: RunnerEvent | (RunnerEvent & { warmup?: boolean })): this {
    this.samples.push({ i: this.samples.length, t, kind: 'runner', event });
    return this;
  }

  device(t: number, sample: Partial<RunDeviceSample> = {}, throttled = false): this {
    this.samples.push({
      i: this.samples.length,
      t,
      kind: 'device',
      throttled,
      sample: {
        memory: null,
        thermal: null,
        battery: null,
        cpuFreqKhz: [],
        power: null,
        ...sample,
      },
    });
    return this;
  }

  log(t: number, source: 'stderr' | 'logcat' | 'studio' | 'malformed', line: string): this {
    this.samples.push({ i: this.samples.length, t, kind: 'log', source, line });
    return this;
  }

  /**
   * One repetition as edge-runner prints it, its first chunk fed at `start`: each chunk printed
   * after its compute + state ms, first_token, the decode steps, then output. Host arrival equals
   * the runner's clock here. Answers the time of its output.
   */
  repetition(
    rep: number,
    start: number,
    shape: { chunks: [number, number][]; tokens?: number; steps: number[]; warmup?: boolean },
  ): number {
    const flag: { warmup?: true } = shape.warmup ? { warmup: true } : {};
    let t = start;
    shape.chunks.forEach(([compute, state], i) => {
      t += compute + state;
      this.runner(t, {
        ev: 'chunk',
        rep,
        i,
        tokens: shape.tokens ?? 16,
        compute_ms: compute,
        state_ms: state,
        ...flag,
      });
    });
    this.runner(t, { ev: 'first_token', rep, ttft_ms: t - start, ...flag });
    shape.steps.forEach((ms, i) => {
      t += ms;
      this.runner(t, { ev: 'token', rep, i, ms, ...flag });
    });
    this.runner(t, { ev: 'output', rep, tokens: [1], rows: 1, vocab: 256, ...flag });
    return t;
  }
}
