import type { DeviceDetails } from '../../../shared/device';
import { parseBattery, type BatteryReading } from './parse/battery';
import { parseDf } from './parse/df';
import { parseGetprop, productProperty } from './parse/getprop';
import { parseMeminfo } from './parse/meminfo';
import { parseThermalService, type ThermalReading } from './parse/thermal';
import { runShell, type ShellTransport } from './shell/device-shell';
import { parseLeaseRecord } from './lease/lease-record';
import { studioDir } from './push/cache-layout';

/** The lease holder file (see lease/device-lease.ts), read for the list's "lease" column. */
const leaseHolderFile = `${studioDir}/lease/holder`;

/** Every shell command the device layer runs to describe a phone (replayed in tests). */
export const detailCommands = {
  getprop: ['getprop'],
  meminfo: ['cat', '/proc/meminfo'],
  battery: ['dumpsys', 'battery'],
  thermal: ['dumpsys', 'thermalservice'],
  storage: ['df', '/data/local/tmp'],
  kernel: ['cat', '/proc/version'],
  governor: ['cat', '/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor'],
  vendorLibraries: ['ls', '/vendor/lib64'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

type DetailCommand = keyof typeof detailCommands;

/** stdout of one detail command, or '' when it failed (a missing file is not an error here). */
export async function readCommand(device: ShellTransport, name: DetailCommand): Promise<string> {
  const [program, ...args] = detailCommands[name];
  const result = await runShell(device, program, args, { timeoutMs: 15_000 });
  return result.ok && result.value.exitCode === 0 ? result.value.stdout : '';
}

/** What the list row needs: properties, battery and thermal state. */
export interface DeviceProbe {
  properties: Record<string, string>;
  battery: BatteryReading | null;
  thermal: ThermalReading | null;
  /** Who holds the phone's lease now (an expired lease counts as none). */
  leaseHolder: string | null;
}

/** Reads the properties, battery and thermal state of a phone. */
export async function probeDevice(device: ShellTransport): Promise<DeviceProbe> {
  const [properties, battery, thermal, lease] = await Promise.all([
    readCommand(device, 'getprop').then(parseGetprop),
    readCommand(device, 'battery').then(parseBattery),
    readCommand(device, 'thermal').then(parseThermalService),
    runShell(device, 'cat', [leaseHolderFile], { timeoutMs: 15_000 }),
  ]);
  const record =
    lease.ok && lease.value.exitCode === 0 ? parseLeaseRecord(lease.value.stdout) : null;
  const leaseHolder = record && record.expiresAt > Date.now() ? record.owner : null;
  return { properties, battery, thermal, leaseHolder };
}

const acceleratorPatterns: [RegExp, string][] = [
  [/^libQnn/i, 'QNN (Qualcomm HTP)'],
  [/^libneuron|^libapunn/i, 'NeuroPilot (MediaTek APU)'],
  [/neuralnetworks|^libnnapi/i, 'NNAPI'],
  [/^libOpenCL/i, 'OpenCL'],
  [/^libedgetpu|^libtpu/i, 'Edge TPU'],
];

/** Accelerator runtimes hinted at by library names. Pure. */
export function acceleratorHints(libraries: readonly string[]): string[] {
  const found = acceleratorPatterns
    .filter(([pattern]) => libraries.some((library) => pattern.test(library)))
    .map(([, name]) => name);
  return [...new Set(found)];
}

/** Reads every detail of a phone. */
export async function readDeviceDetails(
  device: ShellTransport,
  key: string,
): Promise<DeviceDetails> {
  const [probe, meminfo, storage, kernel, governor, libraries] = await Promise.all([
    probeDevice(device),
    readCommand(device, 'meminfo').then(parseMeminfo),
    readCommand(device, 'storage').then(parseDf),
    readCommand(device, 'kernel'),
    readCommand(device, 'governor'),
    readCommand(device, 'vendorLibraries'),
  ]);
  return {
    ...identityOf(key, probe),
    abi: probe.properties['ro.product.cpu.abi'] ?? null,
    fingerprint: probe.properties['ro.build.fingerprint'] ?? null,
    kernel: /Linux version (\S+)/.exec(kernel)?.[1] ?? null,
    ramKb: meminfo?.totalKb ?? null,
    availableRamKb: meminfo?.availableKb ?? null,
    storageFreeKb: storage?.availableKb ?? null,
    batteryCelsius: probe.battery?.temperatureC ?? null,
    governor: governor.trim() || null,
    timingNote: probe.properties['ro.edge_studio.abi_note'] ?? null,
    accelerators: acceleratorHints(libraries.split(/\s+/).filter(Boolean)),
  };
}

/** The identity fields shared by the list row and the details. Pure. */
export function identityOf(key: string, probe: DeviceProbe) {
  const p = probe.properties;
  const sdk = Number(p['ro.build.version.sdk']);
  return {
    key,
    model: productProperty(p, 'model'),
    manufacturer: productProperty(p, 'manufacturer'),
    soc: p['ro.soc.model'] ?? p['ro.board.platform'] ?? p['ro.hardware'] ?? null,
    android: p['ro.build.version.release'] ?? null,
    sdk: Number.isInteger(sdk) ? sdk : null,
    emulated: p['ro.edge_studio.emulated'] === '1',
    batteryPercent: probe.battery?.levelPercent ?? null,
    thermal: probe.thermal?.status ?? null,
  };
}
