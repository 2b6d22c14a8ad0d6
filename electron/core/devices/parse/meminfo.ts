import { kbFields } from './kb-fields';

/** System memory from `/proc/meminfo`, in kB. */
export interface SystemMemory {
  totalKb: number;
  availableKb: number;
}

/**
 * Parses `/proc/meminfo`. Kernels before 3.14 have no MemAvailable: it is then estimated as
 * MemFree + Buffers + Cached. Null without MemTotal. Pure.
 */
export function parseMeminfo(text: string): SystemMemory | null {
  const fields = kbFields(text);
  const total = fields.get('MemTotal');
  if (total === undefined) return null;
  const estimate =
    (fields.get('MemFree') ?? 0) + (fields.get('Buffers') ?? 0) + (fields.get('Cached') ?? 0);
  return { totalKb: total, availableKb: fields.get('MemAvailable') ?? estimate };
}
