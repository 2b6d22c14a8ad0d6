import { thermalStatusSchema } from '../../../shared/device';
import type { DeviceSample } from '../../../shared/device-sample';
import type { ThermalGate } from '../../../shared/run';
import type { RunnerEvent } from '../../../shared/runner-events';
import { readSample } from '../devices/sampling/device-sampler';
import { runShell, type ShellTransport } from '../devices/shell/device-shell';

const statusRank = (status: string) => thermalStatusSchema.options.indexOf(status as never);

/** What a reading says about the gate: too hot by status or battery, and why. Pure. */
export function throttleReason(
  sample: Pick<DeviceSample, 'thermal' | 'battery'>,
  gate: ThermalGate,
): string | null {
  const status = sample.thermal?.status;
  if (status && statusRank(status) > statusRank(gate.maxStatus)) {
    return `thermal status ${status} is above ${gate.maxStatus}`;
  }
  const celsius = sample.battery?.temperatureC;
  if (celsius !== undefined && celsius >= gate.maxBatteryC) {
    return `battery at ${celsius} °C (limit ${gate.maxBatteryC} °C)`;
  }
  return null;
}

/** What the gate did, for the run's log. */
export type GateNote = (message: string) => void;

/**
 * Holds the runner before its next repetition while the phone is too hot: the hold file exists
 * while the latest outside sample is throttled, and is removed once it is not — or once the
 * runner has waited at it for the gate's timeout, after which that repetition goes on (its
 * samples stay flagged). The gate re-arms at each new repetition, so every repetition may wait
 * up to the timeout. The runner prints nothing while it waits, so the wait counts from the
 * later of the hold and the runner's latest line: a hold set mid-repetition starts counting
 * once the repetition is done (a single silent stretch longer than the timeout inside a
 * repetition lets it go early).
 */
export class HoldGate {
  #held = false;
  #heldSince = 0;
  #timedOut = false;
  #lastLineAt = 0;
  /** The repetition the runner's latest line was of (`warmup 0`, `0`, …). */
  #repetition: string | null = null;
  #busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly device: ShellTransport,
    private readonly holdPath: string,
    private readonly gate: ThermalGate,
    private readonly note: GateNote,
  ) {}

  /** Takes a new outside sample into account (calls are serialised). */
  update(sample: Pick<DeviceSample, 'thermal' | 'battery'>, now = Date.now()): Promise<unknown> {
    this.#busy = this.#busy.then(() => this.#apply(throttleReason(sample, this.gate), now));
    return this.#busy;
  }

  /** A runner line: when it is of a new repetition, the gate holds the next one again. */
  heard(event: RunnerEvent, now = Date.now()): void {
    this.#lastLineAt = now;
    if (!('rep' in event)) return;
    const repetition = 'warmup' in event && event.warmup ? `warmup ${event.rep}` : `${event.rep}`;
    if (repetition === this.#repetition) return;
    this.#repetition = repetition;
    this.#timedOut = false;
  }

  /** Lets the runner go (the run is ending). */
  release(): Promise<unknown> {
    this.#busy = this.#busy.then(() => this.#set(false));
    return this.#busy;
  }

  async #apply(reason: string | null, now: number): Promise<void> {
    if (reason && !this.#held && !this.#timedOut) {
      this.note(`holding the next repetition: ${reason}`);
      this.#heldSince = now;
      return this.#set(true);
    }
    if (this.#held && !reason) {
      this.note('cooled down: repetitions go on');
      return this.#set(false);
    }
    if (this.#held && now - Math.max(this.#heldSince, this.#lastLineAt) >= this.gate.timeoutMs) {
      this.note(`still throttled after ${this.gate.timeoutMs} ms: going on (samples flagged)`);
      this.#timedOut = true;
      return this.#set(false);
    }
    if (!reason) this.#timedOut = false;
  }

  async #set(held: boolean): Promise<void> {
    if (held === this.#held) return;
    const [program, args] = held ? ['touch', [this.holdPath]] : ['rm', ['-f', this.holdPath]];
    const done = await runShell(this.device, program, args, { timeoutMs: 10_000 });
    if (done.ok && done.value.exitCode === 0) this.#held = held;
  }
}

/** How a wait for the phone to cool ended. */
export interface CoolWait {
  waitedMs: number;
  /** Why it was still throttled when the timeout ran out; null once cool. */
  stillThrottled: string | null;
}

/**
 * Waits before the runner starts until the phone is at or below the gate, polling once a second
 * for at most the gate's timeout (then the run goes on flagged). Ends early on abort.
 */
export async function waitUntilCool(
  device: ShellTransport,
  gate: ThermalGate,
  options: { signal?: AbortSignal; note: GateNote; pollMs?: number },
): Promise<CoolWait> {
  const started = Date.now();
  for (let announced = false; ; announced = true) {
    const reason = throttleReason(await readSample(device, undefined, 0), gate);
    const waitedMs = Date.now() - started;
    if (!reason || options.signal?.aborted) return { waitedMs, stillThrottled: null };
    if (waitedMs >= gate.timeoutMs) return { waitedMs, stillThrottled: reason };
    if (!announced) options.note(`waiting for the phone to cool: ${reason}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
}
