import {
  formatBattery,
  formatMeminfo,
  formatThermalService,
  memoryFromSmapsRollup,
} from './dumpsys-format';
import type { Logcat } from './logcat';
import { batteryMv } from './power-supply';
import { runPushedProgram, type ProgramContext } from './program-runner';
import type { ProcessTable } from './process-table';
import type { SandboxFs } from './sandbox-fs';
import type { ShellHost } from './shell-types';
import type { ThermalModel } from './thermal-model';
import type { VirtualFiles } from './virtual-files';

/** The parts of a phone its shell works on. */
export interface PhoneParts extends ProgramContext {
  fs: SandboxFs;
  properties: ReadonlyMap<string, string>;
  processes: ProcessTable;
  logcat: Logcat;
  files: VirtualFiles;
  bootedAt: number;
  thermal(): ThermalModel;
  thermalOverridden(): boolean;
  /** Writable here: mv and tar keep it up to date. */
  pushed: Map<string, string>;
}

/** Builds the shell's view of a phone: files, processes, dumpsys and program execution. */
export function phoneShellHost(parts: PhoneParts): ShellHost {
  return {
    fs: parts.fs,
    properties: parts.properties,
    processes: parts.processes,
    logcat: parts.logcat,
    files: parts.files,
    pushed: parts.pushed,
    dumpsys: (args) => dumpsysText(parts, args),
    runProgram: (path, args, io) => runPushedProgram(parts, path, args, io),
  };
}

async function dumpsysText(parts: PhoneParts, args: readonly string[]): Promise<string | null> {
  const [service, target] = args;
  if (service === 'battery') {
    const celsius =
      parts
        .thermal()
        .zones()
        .find((zone) => zone.name === 'battery')?.celsius ?? 30;
    return formatBattery({
      level: 85,
      // Lab phones sit on powered hubs, which report AC (see parse/fixtures/battery-pixel3a.txt).
      charger: 'ac',
      temperatureTenths: Math.round(celsius * 10),
      voltageMv: batteryMv,
    });
  }
  if (service === 'thermalservice') {
    const model = parts.thermal();
    return formatThermalService(
      model.status(),
      model.zones(),
      parts.thermalOverridden(),
      batteryMv,
    );
  }
  if (service === 'meminfo') return meminfoText(parts, target);
  return null;
}

async function meminfoText(parts: PhoneParts, target: string | undefined): Promise<string> {
  const entry = /^\d+$/.test(target ?? '')
    ? parts.processes.get(Number(target))
    : parts.processes.list().find((process) => process.name === target);
  if (!entry) return `No process found for: ${target ?? ''}\n`;
  const uptime = Date.now() - parts.bootedAt;
  const rollup = (await parts.files.read(`/proc/${entry.pid}/smaps_rollup`)) ?? '';
  return formatMeminfo(entry.pid, entry.name, memoryFromSmapsRollup(rollup), uptime);
}
