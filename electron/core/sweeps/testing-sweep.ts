import { ok, type Result } from '../../../shared/result';
import { runRequestSchema, type RunRequest } from '../../../shared/run';
import type { SweepPoint } from '../../../shared/sweep';
import type { SweepPhone } from './phone-selection';
import type { RunEnd, RunStarter } from './sweep-loop';

/** A phone for the scheduler's unit tests. */
export function testPhone(key: string, fields: Partial<SweepPhone> = {}): SweepPhone {
  return {
    key,
    host: '127.0.0.1:5037',
    serialno: key,
    transport: key,
    model: 'Pixel 8',
    soc: 'Tensor G3',
    abi: 'arm64-v8a',
    emulated: true,
    ramKb: 8 * 2 ** 20,
    ...fields,
  };
}

/** A pending point of sweep `s1` planned on `device`. */
export function testPoint(pointKey: string, device: string): SweepPoint {
  const request = runRequestSchema.parse({
    model: 'demo',
    scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
    device,
  });
  const base = { sweepId: 's1', pointKey, plannedDevice: device, deviceKey: device };
  return { ...base, request, status: 'pending', reason: null, runIds: [], attempts: 0 };
}

/**
 * Runs that end when told to: each started run waits until `end(runId, …)` (or ends by itself,
 * `auto`); it records how many ran at once overall and per phone.
 */
export class FakeRuns implements RunStarter {
  readonly started: { runId: string; request: RunRequest }[] = [];
  readonly stopped: string[] = [];
  maxLive = 0;
  readonly #live = new Map<string, { device: string; resolve: (end: RunEnd) => void }>();
  #next = 0;
  /** Called at each start: how that run ends (null: it waits for `end`). */
  auto: (request: RunRequest) => RunEnd | null = () => null;
  twoOnOnePhone = false;

  start(request: RunRequest): Result<{ runId: string }> {
    const runId = `r${++this.#next}`;
    this.started.push({ runId, request });
    if ([...this.#live.values()].some((run) => run.device === request.device)) {
      this.twoOnOnePhone = true;
    }
    let resolve: (end: RunEnd) => void = () => undefined;
    const promise = new Promise<RunEnd>((done) => (resolve = done));
    this.#live.set(runId, { device: request.device, resolve });
    this.#ends.set(runId, promise);
    this.maxLive = Math.max(this.maxLive, this.#live.size);
    const auto = this.auto(request);
    if (auto) queueMicrotask(() => this.end(runId, auto));
    return ok({ runId });
  }

  readonly #ends = new Map<string, Promise<RunEnd>>();

  ended(runId: string): Promise<RunEnd> {
    return this.#ends.get(runId)!;
  }

  stop(runId: string): void {
    this.stopped.push(runId);
    this.end(runId, { state: 'cancelled', error: { code: 'cancelled', message: 'stopped' } });
  }

  end(runId: string, end: RunEnd = { state: 'finished', error: null }): void {
    const run = this.#live.get(runId);
    if (!run) return;
    this.#live.delete(runId);
    run.resolve(end);
  }

  live(): string[] {
    return [...this.#live.keys()];
  }
}

/** Lets pending promise callbacks run. */
export const settleMicrotasks = () => new Promise((resolve) => setTimeout(resolve, 0));
