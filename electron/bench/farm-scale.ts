import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { median } from 'simple-statistics';
import type { FarmSnapshot } from '../../shared/device';
import { StudioEventBus } from '../../shared/event-bus';
import { locateAdb } from '../core/devices/adb-binary';
import { readDeviceDetails } from '../core/devices/device-details';
import { DeviceService } from '../core/devices/device-service';
import { runAdb } from '../emulator/phone-farm';
import type { Benchmark } from './benchmark';

const serverCount = 4;
const phoneCount = 32;

interface PhoneProcess {
  servers: number[];
  phones: string[];
  stop(): Promise<void>;
}

async function startPhoneProcess(): Promise<PhoneProcess> {
  const script = join(import.meta.dirname, 'farm-scale-phones.ts');
  const args = ['--import', import.meta.resolve('tsx'), script, `${serverCount}`, `${phoneCount}`];
  const child = spawn(process.execPath, args, { stdio: 'pipe' });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the phones' process exited (${code})`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  const { servers, phones } = JSON.parse(first) as { servers: number[]; phones: string[] };
  const stop = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.stdin.end();
    });
  return { servers, phones, stop };
}

/** Every phone listed as a probed `device` (its ro.serialno known), by the list's own reading. */
function allListed(snapshot: FarmSnapshot): boolean {
  const ready = snapshot.devices.filter((d) => d.state === 'device' && d.serialno !== null);
  return ready.length === phoneCount;
}

/** `device:list` until every phone is there, then `device:details` of each, all at once. */
async function listWithDetails(service: DeviceService, started: number): Promise<number> {
  let snapshot = await service.snapshot();
  while (!allListed(snapshot)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    snapshot = await service.snapshot();
  }
  console.log(`  every phone listed and probed: ${(performance.now() - started).toFixed(0)} ms`);
  const details = await Promise.all(snapshot.devices.map((d) => detailsOf(service, d.key)));
  return details.filter((model) => model !== null).length;
}

/** What `device:details` does for one key: the phone behind it, then every detail command. */
async function detailsOf(service: DeviceService, key: string): Promise<string | null> {
  const found = await service.device(key);
  if (!found.ok) return null;
  return (await readDeviceDetails(found.value.device, key)).model;
}

/** One phone's details alone, each phone in turn: the per-phone cost without contention. */
async function perPhoneDetailMs(service: DeviceService): Promise<number> {
  const times: number[] = [];
  for (const device of (await service.snapshot()).devices) {
    const started = performance.now();
    await detailsOf(service, device.key);
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * farm-scale: 32 emulated phones behind 4 adb servers (8 each). The studio watches the 4 servers
 * from the start; the clock starts when the last `adb connect` returns and stops when `device:list`
 * shows every phone as a probed device and `device:details` answered for each.
 */
export const farmScale: Benchmark = {
  name: 'farm-scale',
  description: `${phoneCount} emulated phones behind ${serverCount} adb servers: last adb connect → every phone listed with its details`,
  async run() {
    const adbPath = locateAdb();
    if (!adbPath.ok) throw new Error(adbPath.error.message);
    const farm = await startPhoneProcess();
    const hosts = farm.servers.map((port) => `127.0.0.1:${port}`);
    const service = new DeviceService(new StudioEventBus(), hosts);
    try {
      const up = async () => (await service.snapshot()).hosts.every((h) => h.status === 'up');
      while (!(await up())) await new Promise((resolve) => setTimeout(resolve, 20));
      const target = (index: number) => ({
        adbPath: adbPath.value,
        host: '127.0.0.1',
        port: farm.servers[index % serverCount]!,
      });
      await Promise.all(
        farm.phones.map((address, index) => runAdb(target(index), ['connect', address])),
      );
      const started = performance.now();
      const described = await listWithDetails(service, started);
      const elapsedMs = performance.now() - started;
      if (described !== phoneCount) throw new Error(`details of ${described}/${phoneCount} phones`);
      const detailMs = await perPhoneDetailMs(service);
      console.log(`  per-phone device:details alone: median ${detailMs.toFixed(0)} ms`);
      return {
        value: elapsedMs / 1000,
        unit: 's',
        goal: { op: '<=', value: 5 },
        baseline: { label: 'one phone details alone × 32 (serial)', value: (detailMs * 32) / 1000 },
      };
    } finally {
      service.stop();
      await farm.stop();
    }
  },
};
