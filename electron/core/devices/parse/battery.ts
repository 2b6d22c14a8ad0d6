import type { BatteryReading } from '../../../../shared/device-sample';

export type { BatteryReading };

/**
 * Parses `dumpsys battery` (BatteryService.dumpInternal: `  key: value` lines; temperature in
 * tenths of °C). OEM extra lines are ignored. Null when level or temperature is missing. Pure.
 */
export function parseBattery(text: string): BatteryReading | null {
  const fields = new Map<string, string>();
  for (const match of text.matchAll(/^\s*([A-Za-z][\w ]*?):\s*(\S.*?)\s*$/gm)) {
    if (!fields.has(match[1]!)) fields.set(match[1]!, match[2]!);
  }
  const level = Number(fields.get('level'));
  const scale = Number(fields.get('scale') ?? 100) || 100;
  const tenths = Number(fields.get('temperature'));
  if (!Number.isFinite(level) || !Number.isFinite(tenths)) return null;
  const voltage = Number(fields.get('voltage'));
  const powered = ['AC powered', 'USB powered', 'Wireless powered', 'Dock powered'].some(
    (key) => fields.get(key) === 'true',
  );
  return {
    levelPercent: Math.round((level / scale) * 100),
    temperatureC: tenths / 10,
    voltageMv: Number.isFinite(voltage) ? voltage : null,
    powered,
  };
}
