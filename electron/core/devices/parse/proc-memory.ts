import type { ProcessMemoryReading } from '../../../../shared/device-sample';
import { kbFields } from './kb-fields';

export type { ProcessMemoryReading };

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
