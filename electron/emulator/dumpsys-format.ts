import type { ThermalZone } from './thermal-model';

/** Memory figures of one process in kB, as smaps_rollup gives them. */
export interface ProcessMemory {
  pssKb: number;
  rssKb: number;
  swapPssKb: number;
  privateDirtyKb: number;
  privateCleanKb: number;
  pssAnonKb: number;
  pssFileKb: number;
}

/** Parses `Key:   123 kB` lines (/proc/<pid>/status, smaps_rollup, meminfo) into numbers. Pure. */
export function parseKbFields(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const match of text.matchAll(/^([\w()]+):\s+(\d+)(?: kB)?\s*$/gm)) {
    fields[match[1]!] = Number(match[2]);
  }
  return fields;
}

/** Memory figures from smaps_rollup text. Pure. */
export function memoryFromSmapsRollup(text: string): ProcessMemory {
  const f = parseKbFields(text);
  return {
    pssKb: f.Pss ?? 0,
    rssKb: f.Rss ?? 0,
    swapPssKb: f.SwapPss ?? 0,
    privateDirtyKb: f.Private_Dirty ?? 0,
    privateCleanKb: f.Private_Clean ?? 0,
    pssAnonKb: f.Pss_Anon ?? 0,
    pssFileKb: f.Pss_File ?? 0,
  };
}

const column = (value: number | string, width = 9) => String(value).padStart(width);

/** `dumpsys meminfo <pid>` in Android's layout (header, table, App Summary). Pure. */
export function formatMeminfo(
  pid: number,
  name: string,
  memory: ProcessMemory,
  uptimeMs: number,
): string {
  const row = (label: string, values: number[]) =>
    `${label.padStart(15)}${values.map((value) => column(value)).join('')}`;
  return [
    'Applications Memory Usage (in Kilobytes):',
    `Uptime: ${uptimeMs} Realtime: ${uptimeMs}`,
    '',
    `** MEMINFO in pid ${pid} [${name}] **`,
    '                   Pss  Private  Private  SwapPss      Rss',
    '                 Total    Dirty    Clean    Dirty    Total',
    '                ------   ------   ------   ------   ------',
    row('Native Heap', [
      memory.pssAnonKb,
      memory.privateDirtyKb,
      0,
      memory.swapPssKb,
      memory.rssKb,
    ]),
    row('Other mmap', [memory.pssFileKb, 0, memory.privateCleanKb, 0, 0]),
    row('TOTAL', [
      memory.pssKb,
      memory.privateDirtyKb,
      memory.privateCleanKb,
      memory.swapPssKb,
      memory.rssKb,
    ]),
    '',
    ' App Summary',
    '                       Pss(KB)                        Rss(KB)',
    '                        ------                         ------',
    `         Native Heap:${column(memory.pssAnonKb)}${column(memory.rssKb, 31)}`,
    `                Code:${column(memory.pssFileKb)}${column(0, 31)}`,
    '',
    `           TOTAL PSS:${column(memory.pssKb)}            TOTAL RSS:${column(memory.rssKb)}       TOTAL SWAP (KB):${column(memory.swapPssKb)}`,
    '',
  ].join('\n');
}

/** What a phone draws power from, as `dumpsys battery`'s `X powered` lines name it. */
export type Charger = 'ac' | 'usb' | 'wireless' | null;

/** Battery state as `dumpsys battery` reports it. */
export interface BatteryState {
  level: number;
  charger: Charger;
  /** Tenths of °C. */
  temperatureTenths: number;
  voltageMv: number;
}

/**
 * `dumpsys battery` with an Android 14 phone's fields in its order (BatteryService.dumpInternal;
 * see parse/fixtures/battery-android14.txt): `AC powered` comes right after the header line. Pure.
 */
export function formatBattery(battery: BatteryState): string {
  const { charger } = battery;
  return [
    'Current Battery Service state:',
    `  AC powered: ${charger === 'ac'}`,
    `  USB powered: ${charger === 'usb'}`,
    `  Wireless powered: ${charger === 'wireless'}`,
    '  Dock powered: false',
    '  Max charging current: 1500000',
    '  Max charging voltage: 5000000',
    `  Charge counter: ${Math.round(battery.level * 48_000)}`,
    `  status: ${charger === null ? 3 : 2}`,
    '  health: 2',
    '  present: true',
    `  level: ${battery.level}`,
    '  scale: 100',
    `  voltage: ${battery.voltageMv}`,
    `  temperature: ${battery.temperatureTenths}`,
    '  technology: Li-ion',
    '  Charging state: 1',
    '  Charging policy: 1',
    '  Capacity level: 3',
    '',
  ].join('\n');
}

const temperatureType: Record<string, number> = { cpu: 0, gpu: 1, battery: 2, skin: 3 };

function formatTemperature(zone: ThermalZone, status: number): string {
  const type = temperatureType[zone.name.split('-')[0]!] ?? -1;
  return `\tTemperature{mValue=${zone.celsius.toFixed(1)}, mType=${type}, mName=${zone.name}, mStatus=${status}}`;
}

/**
 * `dumpsys thermalservice`: status line, then one Temperature{…} line per zone, and the battery
 * voltage as Snapdragon HALs list it among the temperatures (`vbat`, BCL_VOLTAGE = 6, in V; see
 * parse/fixtures/thermalservice-snapdragon-npu.txt). Pure.
 */
export function formatThermalService(
  status: number,
  zones: readonly ThermalZone[],
  overridden: boolean,
  batteryMv: number,
): string {
  const temperatures = [
    ...zones.map((zone) => formatTemperature(zone, status)),
    `\tTemperature{mValue=${batteryMv / 1000}, mType=6, mName=vbat, mStatus=0}`,
  ];
  return [
    `IsStatusOverride: ${overridden}`,
    'ThermalEventListeners:',
    '\tcallbacks: 0',
    'ThermalStatusListeners:',
    '\tcallbacks: 0',
    `Thermal Status: ${status}`,
    'Cached temperatures:',
    ...temperatures,
    'HAL Ready: true',
    'HAL connection:',
    '\tThermalHAL AIDL 1  connected: yes',
    'Current temperatures from HAL:',
    ...temperatures,
    '',
  ].join('\n');
}
