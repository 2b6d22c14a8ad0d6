import type { FarmSnapshot } from '../../../shared/device';
import type { StudioEventBus } from '../../../shared/event-bus';
import { fail, ok, type Result } from '../../../shared/result';
import { adbInstallHint, locateAdb } from './adb-binary';
import type { DeviceFarm } from './device-farm';
import { adbServerAt } from './adb-server';
import { adbEndpointLink } from './adb-endpoint-link';

const noLocalServer =
  'no local adb server in the farm: `adb connect` endpoints attach to one on this machine';
import { StreamBatcher } from '../jobs/batcher';
import { SampleWatches } from './sampling/sample-watches';
import type { FarmEndpointStatus } from '../../../shared/contract';
import { EndpointKeeper } from './endpoint-keeper';
import { endpointServer, listedOn } from './endpoint-server';

/**
 * The farm as the handlers see it: started on first use (so merely opening the core never spawns
 * an adb server), broadcasting `device:onDidChange` batches on change. Only the first host (from
 * `--adb` or adb's defaults), when local, has its adb server started if it is down.
 */
export class DeviceService {
  #farm: DeviceFarm | null = null;
  #hosts: string[];
  #stopped = false;
  #endpoints: string[] = [];
  #keeper: { server: string | null; keeper: EndpointKeeper } | null = null;
  /** Live samplers of phones, kept going by the windows that watch them. */
  readonly watches: SampleWatches;
  /** The adb binary, looked up once: the farm starts local servers with it, pushes run it. */
  readonly adbPath: string | null;
  /** The farm's snapshots, sent (and recorded) only when one differs from the last sent. */
  readonly #snapshots = new StreamBatcher<FarmSnapshot>(
    (batch) => {
      this.onSnapshot(batch.items.at(-1)!);
      this.#keeper?.keeper.check();
      this.bus.emit('device:onDidChange', batch);
    },
    { keyOf: () => 'farm' },
  );

  constructor(
    private readonly bus: StudioEventBus,
    hosts: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly onSnapshot: (snapshot: FarmSnapshot) => void = () => undefined,
  ) {
    this.#hosts = [...hosts];
    this.watches = new SampleWatches(bus);
    const adb = locateAdb(env);
    this.adbPath = adb.ok ? adb.value : null;
  }

  /**
   * The running farm, started now if it was not. Its module (adbkit and friends, ~100 ms to
   * import) loads here, on first use, to keep it off the start-up path of every host.
   */
  async farm(): Promise<DeviceFarm> {
    if (!this.#farm) {
      const { DeviceFarm } = await import('./device-farm');
      // The host may have shut down while the module loaded: a farm started now would outlive it.
      if (this.#stopped) throw new Error('the studio is shutting down');
      if (this.#farm) return this.#farm;
      const first = this.#hosts[0];
      const local = first === undefined ? null : adbServerAt(first);
      this.#farm = new DeviceFarm((snapshot) => this.#snapshots.push(snapshot), {
        adbPath: this.adbPath,
        autoStart: (address) => local?.ok === true && local.value.local && address === first,
        defaultSerial: this.env.ANDROID_SERIAL || null,
        unreachableHint: this.adbPath
          ? undefined
          : `adb was not found to start it: ${adbInstallHint}`,
      });
      this.#farm.setHosts(this.#hosts);
      this.#keepEndpoints();
    }
    return this.#farm;
  }

  /** The phone behind a key while adb lists it; `cancelled` once the studio is closing. */
  async device(key: string): Promise<Result<NonNullable<ReturnType<DeviceFarm['deviceFor']>>>> {
    const farm = await this.farm().catch((error: unknown) => {
      if (this.#stopped) return null;
      throw error;
    });
    if (!farm || this.#stopped) return fail('cancelled', 'The studio is closing');
    const found = farm.deviceFor(key);
    return found ? ok(found) : fail('not-found', `No phone ${key} in the farm`);
  }

  /** How to reach a phone with the adb binary (faster pushes), when the service found one. */
  adbTarget(entry: { host: string; transport: string }) {
    const server = adbServerAt(entry.host);
    return this.adbPath && server.ok
      ? { adbPath: this.adbPath, ...server.value, serial: entry.transport }
      : undefined;
  }

  async snapshot(): Promise<FarmSnapshot> {
    return (await this.farm()).snapshot();
  }

  setHosts(hosts: readonly string[]): void {
    this.#hosts = [...new Set(hosts)];
    this.#farm?.setHosts(this.#hosts);
    if (this.#farm) this.#keepEndpoints();
  }

  /**
   * Keeps these `adb connect` endpoints (canonical `HOST:PORT`) attached once the farm runs;
   * resolves once those dropped are disconnected.
   */
  setEndpoints(addresses: readonly string[]): Promise<void> {
    this.#endpoints = [...new Set(addresses)];
    return this.#keeper?.keeper.setEndpoints(this.#endpoints) ?? Promise.resolve();
  }

  /** Each saved endpoint with its link's status (`connecting` until the farm starts). */
  endpoints(): FarmEndpointStatus[] {
    if (this.#keeper) return this.#keeper.keeper.statuses();
    return this.#endpoints.map((address) => ({ address, status: 'connecting', message: null }));
  }

  /** (Re)starts the keeper on the farm's first local adb server, when that server changed. */
  #keepEndpoints(): void {
    const server = endpointServer(this.#hosts);
    if (this.#keeper && this.#keeper.server === (server?.address ?? null)) return;
    this.#keeper?.keeper.stop();
    const link =
      server && this.adbPath
        ? adbEndpointLink(this.adbPath, server)
        : { refused: server ? `adb was not found: ${adbInstallHint}` : noLocalServer };
    const keeper = new EndpointKeeper(
      link,
      () => listedOn(this.#farm?.snapshot(), server?.address),
      (endpoints) => this.bus.emit('farm:onDidChangeEndpoints', { endpoints }),
    );
    this.#keeper = { server: server?.address ?? null, keeper };
    keeper.start();
    void keeper.setEndpoints(this.#endpoints);
  }

  stop(): void {
    this.#stopped = true;
    this.watches.stop();
    this.#snapshots.stop();
    this.#keeper?.keeper.stop();
    this.#keeper = null;
    this.#farm?.stop();
    this.#farm = null;
  }
}
