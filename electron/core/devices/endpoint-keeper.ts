import type { FarmEndpointStatus } from '../../../shared/contract';
import type { DeviceState } from '../../../shared/device';
import type { Result } from '../../../shared/result';

/** How the keeper talks to the adb server the endpoints are attached to. */
export interface EndpointLink {
  /** `adb connect HOST:PORT`: adb's output (it exits 0 on a refused connect too). */
  connect(address: string): Promise<Result<string>>;
  /** `adb disconnect HOST:PORT`. */
  disconnect(address: string): Promise<Result<string>>;
}

/** Timings of the keeper; tests shorten them. */
export interface KeeperTimings {
  tickMs: number;
  firstRetryMs: number;
  maxRetryMs: number;
}

const defaultTimings: KeeperTimings = { tickMs: 1000, firstRetryMs: 1000, maxRetryMs: 10_000 };

/** A phone that waits for its user (or its STF provider) to trust this machine's adb key. */
const authorizeHint =
  'accept "Allow USB debugging" on the phone; an STF phone needs this machine\'s ~/.android/adbkey.pub added under Settings → Keys';

interface Kept {
  status: FarmEndpointStatus;
  everConnected: boolean;
  retryMs: number;
  nextAttemptAt: number;
  attempting: boolean;
}

/**
 * Keeps `adb connect` endpoints attached to one adb server: any endpoint adb does not list as
 * `device` (dropped Wi-Fi, a restarted STF provider, an adb server restart) is connected again,
 * with backoff (1 s doubling to 10 s); a removed one is disconnected. `listed` is what the farm
 * last saw on that server (transport → state).
 */
export class EndpointKeeper {
  readonly #kept = new Map<string, Kept>();
  #timer: NodeJS.Timeout | null = null;
  #lastSent = '';

  constructor(
    private readonly link: EndpointLink | { refused: string },
    private readonly listed: () => ReadonlyMap<string, DeviceState> | null,
    private readonly onChange: (endpoints: FarmEndpointStatus[]) => void,
    private readonly timings: KeeperTimings = defaultTimings,
  ) {}

  /** Keeps exactly these canonical `HOST:PORT` addresses: new ones connect now, dropped ones disconnect. */
  setEndpoints(addresses: readonly string[]): Promise<void> {
    const disconnects: Promise<unknown>[] = [];
    for (const address of this.#kept.keys()) {
      if (addresses.includes(address)) continue;
      this.#kept.delete(address);
      if ('connect' in this.link) disconnects.push(this.link.disconnect(address));
    }
    for (const address of addresses) {
      if (this.#kept.has(address)) continue;
      const status: FarmEndpointStatus = { address, status: 'connecting', message: null };
      this.#kept.set(address, {
        status,
        everConnected: false,
        retryMs: this.timings.firstRetryMs,
        nextAttemptAt: 0,
        attempting: false,
      });
    }
    this.check();
    return Promise.all(disconnects).then(() => undefined);
  }

  statuses(): FarmEndpointStatus[] {
    return [...this.#kept.values()].map((kept) => ({ ...kept.status }));
  }

  start(): void {
    this.#timer ??= setInterval(() => this.check(), this.timings.tickMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One pass over every endpoint (on each tick and whenever the farm changes). */
  check(): void {
    const listed = this.listed();
    // The server is not listed yet (starting, or down): nothing to compare against.
    if (!listed) return;
    for (const [address, kept] of this.#kept) {
      if (!kept.attempting) this.#checkOne(address, kept, listed.get(address));
    }
    this.#send();
  }

  #checkOne(address: string, kept: Kept, state: DeviceState | undefined): void {
    if (state === 'device') {
      kept.everConnected = true;
      kept.retryMs = this.timings.firstRetryMs;
      kept.nextAttemptAt = 0;
      return void (kept.status = { address, status: 'connected', message: null });
    }
    if (state === 'unauthorized' || state === 'authorizing') {
      return void (kept.status = {
        address,
        status: 'refused',
        message: `${state}: ${authorizeHint}`,
      });
    }
    if ('refused' in this.link) {
      return void (kept.status = { address, status: 'refused', message: this.link.refused });
    }
    if (Date.now() < kept.nextAttemptAt) return;
    const status = kept.everConnected ? 'reconnecting' : 'connecting';
    if (kept.status.status !== 'refused') kept.status = { address, status, message: null };
    void this.#attempt(this.link, address, kept, state !== undefined);
  }

  async #attempt(link: EndpointLink, address: string, kept: Kept, stale: boolean): Promise<void> {
    kept.attempting = true;
    kept.nextAttemptAt = Date.now() + kept.retryMs;
    const delay = kept.retryMs;
    kept.retryMs = Math.min(kept.retryMs * 2, this.timings.maxRetryMs);
    // A transport adb still lists (offline) answers "already connected": drop it to dial afresh.
    if (stale) await link.disconnect(address);
    const result = await link.connect(address);
    kept.attempting = false;
    // Removed while adb was dialling: undo the connect that just landed.
    if (this.#kept.get(address) !== kept) return void (await link.disconnect(address));
    const output = result.ok ? result.value.trim() : result.error.message;
    if (result.ok && /connected to/.test(output)) {
      const status = kept.everConnected ? 'reconnecting' : 'connecting';
      kept.status = { address, status, message: null };
    } else {
      const retry = `retrying in ${Math.round(delay / 100) / 10} s`;
      kept.status = { address, status: 'refused', message: `${output || 'no answer'}; ${retry}` };
    }
    this.#send();
  }

  #send(): void {
    const endpoints = this.statuses();
    const text = JSON.stringify(endpoints);
    if (text === this.#lastSent) return;
    this.#lastSent = text;
    this.onChange(endpoints);
  }
}
