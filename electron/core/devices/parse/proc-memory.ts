import type { ProcessMemoryReading } from '../../../../shared/device-sample';

export type { ProcessMemoryReading };

/** `Key:   123 kB` lines into numbers. Pure. */
function kbFields(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const match of text.matchAll(/^([\w()]+):\s+(\d+) kB\s*$/gm)) {
    fields.set(match[1]!, Number(match[2]));
  }
  return fields;
}

/**
 * Parses `/proc/<pid>/status` (VmRSS, VmHWM = peak RSS, RssAnon, RssFile) and, when given,
 * `smaps_rollup` (Pss). Null without VmRSS (kernel thread, or the process is gone). Pure.
 */
export function parseProcessMemory(status: string, smapsRollup = ''): ProcessMemoryReading | null {
  const fields = kbFields(status);
  const rss = fields.get('VmRSS');
  if (rss === undefined) return null;
  return {
    vmRssKb: rss,
    vmHwmKb: fields.get('VmHWM') ?? rss,
    rssAnonKb: fields.get('RssAnon') ?? null,
    rssFileKb: fields.get('RssFile') ?? null,
    pssKb: kbFields(smapsRollup).get('Pss') ?? null,
  };
}
