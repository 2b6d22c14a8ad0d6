import type { StudioEventBus } from '../../../../shared/event-bus';
import type { ShellTransport } from '../shell/device-shell';
import { sampleDevice } from './device-sampler';

/** How long one `watch` call keeps a phone sampled: watchers call again before it runs out. */
export const watchTtlMs = 10_000;

interface Watch {
  intervalMs: number;
  pid: number | undefined;
  until: number;
  controller: AbortController;
}

/** What to sample of one phone. */
export interface WatchRequest {
  deviceKey: string;
  intervalMs: number;
  pid?: number;
}

/**
 * Samplers shared by every window: one per phone (and pid), broadcast as `device:onDidSample`.
 * A sampler lives while someone keeps calling `watch`, so a window that closes or crashes never
 * leaves a phone sampled for ever; a different rate or pid restarts it.
 */
export class SampleWatches {
  readonly #watches = new Map<string, Watch>();

  constructor(
    private readonly bus: StudioEventBus,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts or extends sampling of a phone; returns until when it runs. */
  watch(device: ShellTransport, request: WatchRequest): number {
    const id = `${request.deviceKey}\n${request.pid ?? ''}`;
    const until = this.now() + watchTtlMs;
    const current = this.#watches.get(id);
    if (current && current.intervalMs === request.intervalMs && current.pid === request.pid) {
      current.until = until;
      return until;
    }
    current?.controller.abort();
    const watch: Watch = {
      intervalMs: request.intervalMs,
      pid: request.pid,
      until,
      controller: new AbortController(),
    };
    this.#watches.set(id, watch);
    void this.#run(device, request, watch).finally(() => {
      if (this.#watches.get(id) === watch) this.#watches.delete(id);
    });
    return until;
  }

  /** How many phones (and pids) are sampled now. */
  get size(): number {
    return this.#watches.size;
  }

  stop(): void {
    for (const watch of this.#watches.values()) watch.controller.abort();
    this.#watches.clear();
  }

  async #run(device: ShellTransport, request: WatchRequest, watch: Watch): Promise<void> {
    const { signal } = watch.controller;
    const samples = sampleDevice(device, {
      pid: request.pid,
      intervalMs: request.intervalMs,
      signal,
    });
    for await (const sample of samples) {
      if (signal.aborted) return;
      this.bus.emit('device:onDidSample', {
        deviceKey: request.deviceKey,
        pid: request.pid ?? null,
        at: this.now(),
        sample,
      });
      if (this.now() > watch.until) watch.controller.abort();
    }
  }
}
