import type { DeviceSummary, FarmHostStatus, FarmSnapshot } from '../../../shared/device';
import { probeDevice, identityOf, type DeviceProbe } from './device-details';
import { stateHint, toDeviceState } from './device-state';
import { HostWatcher } from './host-watcher';

const reprobeMs = 10_000;

/** One transport of one host, with what was learnt about the phone behind it. */
interface Entry {
  host: string;
  transport: string;
  type: string;
  probe: DeviceProbe | null;
}

/**
 * The phones of every adb server of the farm, merged with the host as a label, keyed by
 * `ro.serialno` (+ host) so a phone keeps its key across reconnects. Calls `onChange` with a new
 * snapshot on every change adb reports and after every probe (the caller's batcher drops repeats).
 */
export class DeviceFarm {
  readonly #watchers = new Map<string, HostWatcher>();
  readonly #hosts = new Map<string, FarmHostStatus>();
  readonly #entries = new Map<string, Entry>();
  #refresh: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(
    private readonly onChange: (snapshot: FarmSnapshot) => void,
    private readonly options: {
      adbPath?: string | null;
      /** Whether to start the adb server of a host that refuses (the local default only). */
      autoStart?: (address: string) => boolean;
      /** Added to the message of an unreachable host (e.g. how to install adb). */
      unreachableHint?: string;
      /** `ANDROID_SERIAL`: the default phone. */
      defaultSerial?: string | null;
    } = {},
  ) {}

  /** Watches exactly these hosts: new ones start, dropped ones stop. */
  setHosts(addresses: readonly string[]): void {
    if (this.#stopped) return;
    // Battery, thermal state and lease holder change without adb noticing: re-read them.
    this.#refresh ??= setInterval(() => this.reprobe(), reprobeMs);
    for (const [address, watcher] of this.#watchers) {
      if (addresses.includes(address)) continue;
      watcher.stop();
      this.#watchers.delete(address);
      this.#hosts.delete(address);
      this.#dropHost(address, []);
    }
    for (const address of addresses) {
      if (this.#watchers.has(address)) continue;
      const watcher = new HostWatcher(
        address,
        this.#eventsFor(address),
        this.options.adbPath ?? null,
        this.options.autoStart?.(address) ?? false,
      );
      this.#watchers.set(address, watcher);
      watcher.start();
    }
    this.#emit();
  }

  snapshot(): FarmSnapshot {
    const devices = [...this.#entries.values()].map((entry) =>
      summaryOf(entry, this.options.defaultSerial ?? null),
    );
    devices.sort((a, b) => a.host.localeCompare(b.host) || a.key.localeCompare(b.key));
    return { hosts: [...this.#hosts.values()], devices };
  }

  /** Re-reads battery, thermal state and lease holder of every phone now (adb reports none). */
  reprobe(): void {
    for (const [id, entry] of this.#entries) {
      if (toDeviceState(entry.type) === 'device') void this.#probe(id, entry);
    }
  }

  /** The adbkit device client behind a key, while adb lists it (and the farm runs). */
  deviceFor(key: string) {
    const entry = [...this.#entries.values()].find((candidate) => keyOf(candidate) === key);
    const watcher = entry && this.#watchers.get(entry.host);
    if (!entry || !watcher) return null;
    return { entry, device: watcher.client.getDevice(entry.transport) };
  }

  stop(): void {
    this.#stopped = true;
    if (this.#refresh) clearInterval(this.#refresh);
    this.#refresh = null;
    for (const watcher of this.#watchers.values()) watcher.stop();
    this.#watchers.clear();
  }

  #eventsFor(host: string) {
    return {
      onStatus: (status: FarmHostStatus) => {
        const hint = this.options.unreachableHint;
        const message =
          status.status === 'unreachable' && hint ? `${status.message}; ${hint}` : status.message;
        this.#hosts.set(host, { ...status, message });
        this.#emit();
      },
      onDevice: (device: { id: string; type: string }) => this.#update(host, device),
      onRemove: (id: string) => (this.#entries.delete(`${host}/${id}`), this.#emit()),
      // The 1 s poll resets every host: only one that lost a phone is a change.
      onReset: (ids: string[]) => void (this.#dropHost(host, ids) && this.#emit()),
    };
  }

  /** Forgets the host's phones not in `keep`; true when there was one. */
  #dropHost(host: string, keep: string[]): boolean {
    let dropped = false;
    for (const [id, entry] of this.#entries) {
      if (entry.host !== host || keep.includes(entry.transport)) continue;
      this.#entries.delete(id);
      dropped = true;
    }
    return dropped;
  }

  #update(host: string, device: { id: string; type: string }): void {
    const id = `${host}/${device.id}`;
    const previous = this.#entries.get(id);
    if (previous?.type === device.type) return;
    const entry: Entry = {
      host,
      transport: device.id,
      type: device.type,
      probe: previous?.probe ?? null,
    };
    this.#entries.set(id, entry);
    this.#emit();
    if (toDeviceState(device.type) === 'device') void this.#probe(id, entry);
  }

  /** Reads identity, battery and thermal state; a phone that went away meanwhile is skipped. */
  async #probe(id: string, entry: Entry): Promise<void> {
    const watcher = this.#watchers.get(entry.host);
    if (!watcher) return;
    const probe = await probeDevice(watcher.client.getDevice(entry.transport)).catch(() => null);
    const current = this.#entries.get(id);
    if (!probe || !current || current.type !== entry.type) return;
    // A read that failed half-way must not cost the phone its identity (and so its key).
    const identified = Boolean(probe.properties['ro.serialno']) || !current.probe;
    current.probe = identified ? probe : { ...probe, properties: current.probe!.properties };
    this.#emit();
  }

  #emit(): void {
    if (this.#stopped) return;
    this.onChange(this.snapshot());
  }
}

function keyOf(entry: Entry): string {
  const serialno = entry.probe?.properties['ro.serialno'];
  return `${entry.host}/${serialno || entry.transport}`;
}

function summaryOf(entry: Entry, defaultSerial: string | null): DeviceSummary {
  const state = toDeviceState(entry.type);
  const probe = entry.probe ?? { properties: {}, battery: null, thermal: null, leaseHolder: null };
  return {
    ...identityOf(keyOf(entry), probe),
    host: entry.host,
    transport: entry.transport,
    serialno: entry.probe?.properties['ro.serialno'] ?? null,
    state,
    hint: stateHint(state),
    leaseHolder: probe.leaseHolder,
    isDefault:
      defaultSerial !== null &&
      (entry.transport === defaultSerial || probe.properties['ro.serialno'] === defaultSerial),
  };
}
