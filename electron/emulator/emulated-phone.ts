import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdbConnection } from './adb-connection';
import { defaultLinkKnobs, LinkShaper, type LinkKnobs } from './link-shaper';
import { Logcat } from './logcat';
import type { PhoneAbi } from './phone-abi';
import { phonePresets, type PhonePreset } from './phone-presets';
import { connectBanner, phoneProperties, serialFor } from './phone-properties';
import { phoneShellHost } from './phone-shell-host';
import { ProcessTable } from './process-table';
import { SandboxFs } from './sandbox-fs';
import { ShellSession } from './shell-interpreter';
import { openService } from './phone-services';
import type { ShellHost } from './shell-types';
import { ThermalModel } from './thermal-model';
import { VirtualFiles } from './virtual-files';

/** Features this emulator implements, and so advertises in its CNXN banner. */
export const emulatorFeatures = ['shell_v2', 'fixed_push_mkdir'] as const;

/** How to build a phone. */
export interface PhoneOptions {
  preset?: PhonePreset;
  /** Names the phone: the same preset and identity keep the same ro.serialno. */
  identity?: string;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  link?: Partial<LinkKnobs>;
  /** Memory budget of one program in MB (0 = none). */
  memoryBudgetMb?: number;
  /** The ELF files it runs: x86_64 (default, natively) or arm64-v8a (under qemu-aarch64). */
  abi?: PhoneAbi;
}

/** adb attaches ports 5555–5585 on its own as emulator-*: phones stay outside that range. */
export const reservedPorts = { first: 5555, last: 5585 } as const;

/** An emulated Android phone: a TCP server speaking the adb device protocol. */
export class EmulatedPhone {
  readonly preset: PhonePreset;
  readonly abi: PhoneAbi;
  readonly serial: string;
  readonly link: LinkKnobs;
  readonly logcat = new Logcat();
  readonly processes = new ProcessTable();
  readonly pushed = new Map<string, string>();
  memoryBudgetMb: number;
  /** Programs outlive their shell stream (as where adbd only closes the pipes): orphans stay. */
  programsSurviveHangUp = false;
  private readonly baseDir = mkdtempSync(join(tmpdir(), 'edge-studio-phone-'));
  readonly fs: SandboxFs;
  private readonly thermalModel = new ThermalModel();
  private thermalOverride = false;
  private readonly shellHost: ShellHost;
  private readonly shaper: LinkShaper;
  private server: Server | null = null;
  private readonly connections = new Set<AdbConnection>();
  port = 0;

  constructor(private readonly options: PhoneOptions = {}) {
    this.preset = options.preset ?? phonePresets[0]!;
    this.abi = options.abi ?? 'x86_64';
    this.serial = serialFor(this.preset, options.identity ?? '0');
    this.link = { ...defaultLinkKnobs(), ...options.link };
    this.shaper = new LinkShaper(this.link);
    this.memoryBudgetMb = options.memoryBudgetMb ?? 0;
    this.fs = new SandboxFs(join(this.baseDir, 'root'), this.preset.vendorLibs);
    const properties = phoneProperties(this.preset, this.serial, this.abi);
    const thermal = () => this.thermal();
    const files = new VirtualFiles({
      preset: this.preset,
      abi: this.abi,
      processes: this.processes,
      thermal,
    });
    this.shellHost = phoneShellHost({
      fs: this.fs,
      properties,
      processes: this.processes,
      logcat: this.logcat,
      files,
      bootedAt: Date.now(),
      thermal,
      thermalOverridden: () => this.thermalOverride,
      pushed: this.pushed,
      execDir: join(this.baseDir, 'exec'),
      memoryBudgetKb: () => this.memoryBudgetMb * 1024,
      abi: this.abi,
      cpuinfo: async () => (await files.read('/proc/cpuinfo')) ?? '',
      programsSurviveHangUp: () => this.programsSurviveHangUp,
    });
  }

  /** True while listening (between `start`/`goOnline` and `goOffline`/`stop`). */
  get online(): boolean {
    return this.server !== null;
  }

  /** `host:port` that `adb connect` takes. */
  get address(): string {
    return `${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** Starts listening (again, on the same port, after `goOffline`). */
  async start(): Promise<void> {
    if (this.server) return;
    for (;;) {
      const server = createServer((socket) => this.accept(socket));
      const port = await listen(server, this.options.host ?? '127.0.0.1', this.port);
      if (port < reservedPorts.first || port > reservedPorts.last) {
        this.server = server;
        this.port = port;
        return;
      }
      // The system picked a port adb would auto-attach as emulator-*: pick again.
      server.close();
    }
  }

  /** Goes offline: drops every connection and stops listening until `goOnline`. */
  async goOffline(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropLink();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Comes back on the same port. */
  goOnline(): Promise<void> {
    this.shaper.resetCounter();
    return this.start();
  }

  /** Drops every connection now (the phone stays up and accepts new ones). */
  dropLink(): void {
    for (const connection of this.connections) connection.destroy();
    this.connections.clear();
  }

  /** Drops the link `delayMs` from now (fault injection "at a moment"); returns a canceller. */
  dropAt(delayMs: number): () => void {
    const timer = setTimeout(() => this.dropLink(), delayMs);
    return () => clearTimeout(timer);
  }

  /** Runs a command line on the phone's shell without adb (Node API, tests). */
  async runShell(line: string): Promise<{ stdout: string; stderr: string; status: number }> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const collect = (into: Buffer[]) => async (data: string | Buffer) =>
      void into.push(Buffer.from(data));
    const io = {
      out: collect(out),
      err: collect(err),
      signal: new AbortController().signal,
      cwd: '/',
    };
    const status = await new ShellSession(this.shellHost).run(line, io);
    return { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), status };
  }

  /** Drops the link once `bytes` more cross it (0 = never). */
  dropAfter(bytes: number): void {
    this.shaper.resetCounter();
    this.link.dropAfterBytes = bytes;
  }

  /** Pins the thermal status (0 NONE … 6 SHUTDOWN), or null to follow the load model. */
  setThermalStatus(status: number | null): void {
    this.thermalModel.setOverride(status);
    this.thermalOverride = status !== null;
  }

  /** The thermal model, advanced to now under the current load. */
  thermal(): ThermalModel {
    this.thermalModel.update(this.processes.children().length);
    return this.thermalModel;
  }

  /** Stops the phone, kills its programs and removes its files. */
  async stop(): Promise<void> {
    await this.goOffline();
    this.processes.killAll();
    rmSync(this.baseDir, { recursive: true, force: true });
  }

  private accept(socket: Socket): void {
    const connection = new AdbConnection(socket, {
      banner: () => connectBanner(this.preset, emulatorFeatures),
      open: (name) => openService(name, this.shellHost, this.syncContext()),
      shaper: this.shaper,
      onDropThreshold: () => this.dropLink(),
      log: (message) => this.logcat.log({ pid: 1400, priority: 'W', tag: 'adbd', message }),
    });
    this.connections.add(connection);
    socket.once('close', () => this.connections.delete(connection));
  }

  private syncContext() {
    return {
      fs: this.fs,
      readVirtual: async (path: string) =>
        this.shellHost.files.isVirtual(path) ? this.shellHost.files.read(path) : null,
      onPushed: (path: string, sha: string) => void this.pushed.set(path, sha),
    };
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
