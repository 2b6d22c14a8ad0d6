import { createAdbClient } from './adbkit';
import type { Client, Device } from '@devicefarmer/adbkit';
import type { FarmHostStatus } from '../../../shared/device';
import { parseHostPort } from '../../../shared/host-port';
import { adbServerAt } from './adb-server';

/** What a host watcher reports. */
export interface HostWatcherEvents {
  onStatus(status: FarmHostStatus): void;
  onDevice(device: { id: string; type: string }): void;
  onRemove(id: string): void;
  /** The tracker restarted: drop every device not in `ids`. */
  onReset(ids: string[]): void;
}

const firstRetryMs = 500;
const noAutoStart = '/nonexistent/edge-studio-never-starts-adb';
const maxRetryMs = 10_000;

/**
 * Tracks the devices of one adb server with adbkit's trackDevices. When the server cannot be
 * reached it says so and retries with exponential backoff (0.5 s doubling to 10 s).
 */
export class HostWatcher {
  readonly client: Client;
  #retryMs = firstRetryMs;
  #timer: NodeJS.Timeout | null = null;
  #tracker: { end(): unknown } | null = null;
  #stopped = false;
  #poll: NodeJS.Timeout | null = null;
  #lastReconnect = 0;

  constructor(
    readonly address: string,
    private readonly events: HostWatcherEvents,
    adbPath: string | null,
    /** Whether adbkit may start this server when it refuses (only the local default). */
    autoStart: boolean,
  ) {
    const server = adbServerAt(address);
    const { host, port } = server.ok ? server.value : { host: address, port: 5037 };
    // adbkit runs `bin -P PORT start-server` once when refused; a host we must not start (remote,
    // or not ours) gets a binary that cannot exist, so the refusal is reported instead.
    this.client = createAdbClient({
      host,
      port,
      bin: autoStart && adbPath ? adbPath : noAutoStart,
    });
  }

  start(): void {
    this.events.onStatus({ address: this.address, status: 'connecting', message: null });
    void this.#track();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#tracker?.end();
    if (this.#poll) clearInterval(this.#poll);
  }

  async #reconnect(transport: string): Promise<void> {
    // A phone's transport, not a server: `adb connect HOST:PORT` names the phone itself.
    const phone = parseHostPort(transport);
    if (!phone.ok) return;
    await this.client.connect(phone.value.host, phone.value.port).catch(() => undefined);
  }

  /**
   * Lists the devices again: the tracker alone missed state changes with adb 29 here, so a
   * 1 s poll guarantees the list follows adb within a second. Offline TCP phones are connected
   * again (`host:connect`, what `adb connect` sends) every 3 s until they are back.
   */
  async #refresh(): Promise<void> {
    try {
      const devices = (await this.client.listDevices()) as Device[];
      if (this.#stopped) return;
      this.events.onReset(devices.map((device) => device.id));
      for (const device of devices) this.events.onDevice(device);
      const offlineTcp = devices.filter((d) => d.type === 'offline' && d.id.includes(':'));
      if (offlineTcp.length > 0 && Date.now() - this.#lastReconnect > 3000) {
        this.#lastReconnect = Date.now();
        for (const device of offlineTcp) void this.#reconnect(device.id);
      }
    } catch (error) {
      this.#lost((error as Error).message);
    }
  }

  async #track(): Promise<void> {
    if (this.#stopped) return;
    try {
      const tracker = await this.client.trackDevices();
      if (this.#stopped) return void tracker.end();
      this.#tracker = tracker;
      this.#retryMs = firstRetryMs;
      this.events.onStatus({ address: this.address, status: 'up', message: null });
      await this.#refresh();
      if (this.#stopped) return;
      if (this.#poll) clearInterval(this.#poll);
      this.#poll = setInterval(() => void this.#refresh(), 1000);
      tracker.on('add', (device: Device) => this.events.onDevice(device));
      tracker.on('change', (device: Device) => this.events.onDevice(device));
      tracker.on('remove', (device: Device) => this.events.onRemove(device.id));
      tracker.on('error', (error: Error) => this.#lost(error.message));
      tracker.on('end', () => this.#lost('the adb server closed the connection'));
    } catch (error) {
      const message = (error as Error).message;
      this.#lost(message.includes(noAutoStart) ? `nothing answers at ${this.address}` : message);
    }
  }

  #lost(message: string): void {
    if (this.#stopped || this.#timer) return;
    this.#tracker = null;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    this.events.onReset([]);
    this.events.onStatus({
      address: this.address,
      status: 'unreachable',
      message: `${message}; retrying in ${Math.round(this.#retryMs / 100) / 10} s`,
    });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#track();
    }, this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, maxRetryMs);
  }
}
