import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { thermalStatusSchema, type FarmSnapshot } from '../../shared/device';
import type { EventChannel, EventPayload } from '../../shared/contract';
import { StudioEventBus } from '../../shared/event-bus';
import { DeviceService } from '../core/devices/device-service';
import { openDatabase } from '../core/store/database';
import { DeviceRepo } from '../core/store/device-repo';
import type { Benchmark, BenchFigure } from './benchmark';

const phoneCount = 4;
const changes = 1000;
const observeTimeoutMs = 15_000;

/** The phones' process: its stdin takes commands, its stdout answers one line each. */
interface PhoneProcess {
  port: number;
  /** ro.serialno of each phone, by its index in `thermal PHONE STATUS`. */
  serials: string[];
  send(line: string): Promise<void>;
  stop(): Promise<void>;
}

async function startPhoneProcess(): Promise<PhoneProcess> {
  const script = join(import.meta.dirname, 'fanout-phones.ts');
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), script, String(phoneCount)],
    { stdio: 'pipe' },
  );
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const lines: Interface = createInterface({ input: child.stdout });
  let exited: Error | null = null;
  let pending: ((error: Error) => void) | null = null;
  child.once('exit', (code) => {
    exited = new Error(`the phones' process exited (${code})`);
    pending?.(exited);
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      if (exited) return reject(exited);
      pending = reject;
      lines.once('line', resolve);
    });
  const { port, serials } = JSON.parse(await next()) as { port: number; serials: string[] };
  return {
    port,
    serials,
    send: async (line) => {
      const answer = next();
      child.stdin.write(`${line}\n`);
      if ((await answer) !== 'ok') throw new Error(`the phones' process refused ${line}`);
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** CPU microseconds of `work` (process.cpuUsage: user + system). */
function cpuMicros(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** The bus of a host, timing its fan-out: the contract's parse and every listener. */
class TimedBus extends StudioEventBus {
  fanoutMicros = 0;

  override emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    this.fanoutMicros += cpuMicros(() => super.emit(channel, payload));
  }
}

/** What reached the windows: every snapshot of every event, and the store writes. */
class Tally {
  snapshots = 0;
  events = 0;
  writes = 0;
  latest: FarmSnapshot | null = null;
  #waiter: { check: (s: FarmSnapshot) => boolean; resolve: () => void } | null = null;

  seen(snapshots: readonly FarmSnapshot[]): void {
    this.events++;
    this.snapshots += snapshots.length;
    this.latest = snapshots.at(-1) ?? this.latest;
    if (this.latest && this.#waiter?.check(this.latest)) this.#waiter.resolve();
  }

  /** Resolves once a delivered snapshot satisfies `check`. */
  until(check: (snapshot: FarmSnapshot) => boolean): Promise<void> {
    if (this.latest && check(this.latest)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('a change never reached the windows')),
        observeTimeoutMs,
      );
      this.#waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          this.#waiter = null;
          resolve();
        },
      };
    });
  }

  reset(): void {
    this.snapshots = 0;
    this.events = 0;
    this.writes = 0;
  }
}

/** The thermal status the bench pins on phone `k % 4` at change `k`: never the one before. */
function statusAt(k: number): number {
  return (Math.floor(k / phoneCount) + 1) % 4;
}

async function measure(phones: PhoneProcess, service: DeviceService, tally: Tally, bus: TimedBus) {
  const farm = await service.farm();
  await tally.until((s) => s.devices.filter((d) => d.thermal !== null).length === phoneCount);
  tally.reset();
  bus.fanoutMicros = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let k = 0; k < changes; k++) {
    const phone = k % phoneCount;
    const status = statusAt(k);
    await phones.send(`thermal ${phone} ${status}`);
    farm.reprobe();
    const name = thermalStatusSchema.options[status];
    const serial = phones.serials[phone];
    await tally.until((s) => s.devices.find((d) => d.serialno === serial)?.thermal === name);
  }
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * 4 emulated phones (in a process of their own) on a private adb server, watched by the core's
 * device service as a host runs it (event bus, store). 1 000 thermal changes, one phone at a time,
 * each followed by a re-read of the farm (as the 10 s re-probe does) and awaited until a snapshot
 * carrying it reaches the bus. Figure: snapshots delivered ÷ changes (goal ≤ 1); also reported:
 * the core's CPU time per change (process.cpuUsage of this process, which runs no phone).
 */
export const eventFanout: Benchmark = {
  name: 'event-fanout',
  description: `${phoneCount} emulated phones, ${changes} thermal changes: farm snapshots delivered per change`,
  async run(): Promise<BenchFigure> {
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-studio-bench-fanout-'));
    const phones = await startPhoneProcess();
    const db = openDatabase(dataDir);
    const repo = new DeviceRepo(db);
    const tally = new Tally();
    const bus = new TimedBus();
    const noDefault = { ...process.env, ANDROID_SERIAL: '' };
    bus.subscribe((event) => {
      if (event.channel === 'device:onDidChange') tally.seen(event.payload.items);
    });
    const service = new DeviceService(bus, [`127.0.0.1:${phones.port}`], noDefault, (snapshot) => {
      tally.writes++;
      bus.fanoutMicros += cpuMicros(() => repo.record(snapshot.devices));
    });
    try {
      const { seconds, cpuMs } = await measure(phones, service, tally, bus);
      console.log(
        `  ${changes} changes in ${seconds.toFixed(1)} s: ${tally.snapshots} snapshots in ${tally.events} events, ${tally.writes} store writes; core CPU ${(cpuMs / changes).toFixed(2)} ms per change, of which ${(bus.fanoutMicros / 1000 / changes).toFixed(3)} ms fan-out (bus parse + listeners + store write); the rest is re-reading the phones over adb`,
      );
      return {
        value: tally.snapshots / changes,
        unit: 'snapshots per change',
        goal: { op: '<=', value: 1 },
      };
    } finally {
      service.stop();
      db.close();
      await phones.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
