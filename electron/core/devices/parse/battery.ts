import type { BatteryReading } from '../../../../shared/device-sample';

export type { BatteryReading };

const poweredKeys = ['AC powered', 'USB powered', 'Wireless powered', 'Dock powered'];

/**
 * `key: value` lines of a dump, first occurrence of a key wins (OEM extras come after the stock
 * fields and may reuse a name, e.g. Samsung's lower-case `charge counter`). Each line is read on
 * its own: a pattern free to cross line ends read `Current Battery Service state:` as a key whose
 * value was the next line, and so lost `AC powered`, which every stock dump prints first. Pure.
 */
function fields(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^[ \t]*([A-Za-z][\w ]*?):[ \t]*(\S.*?)[ \t\r]*$/.exec(line);
    if (match && !found.has(match[1]!)) found.set(match[1]!, match[2]!);
  }
  return found;
}

/**
 * Parses `dumpsys battery` (BatteryService.dumpInternal: a header line, then `  key: value` lines;
 * temperature in tenths of °C). OEM extra lines are ignored. Null when level or temperature is
 * missing. Pure.
 */
export function parseBattery(text: string): BatteryReading | null {
  const found = fields(text);
  const level = Number(found.get('level'));
  const scale = Number(found.get('scale') ?? 100) || 100;
  const tenths = Number(found.get('temperature'));
  if (!Number.isFinite(level) || !Number.isFinite(tenths)) return null;
  const voltage = Number(found.get('voltage'));
  return {
    levelPercent: Math.round((level / scale) * 100),
    temperatureC: tenths / 10,
    voltageMv: Number.isFinite(voltage) ? voltage : null,
    powered: poweredKeys.some((key) => found.get(key) === 'true'),
  };
}
