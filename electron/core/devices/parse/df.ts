/** Space of the file system holding a path, from `df PATH`. */
export interface DiskSpace {
  mount: string;
  totalKb: number;
  availableKb: number;
}

/**
 * Parses toybox `df PATH` (1K blocks; a header, then `Filesystem 1K-blocks Used Available Use%
 * Mounted-on`). Long file-system names may wrap onto their own line. Null when no row. Pure.
 */
export function parseDf(text: string): DiskSpace | null {
  const words = text.split(/\r?\n/).slice(1).join(' ').split(/\s+/).filter(Boolean);
  const percent = words.findIndex((word) => /^\d+%$/.test(word));
  if (percent < 3) return null;
  const total = Number(words[percent - 3]);
  const available = Number(words[percent - 1]);
  const mount = words[percent + 1];
  if (!Number.isFinite(total) || !Number.isFinite(available) || !mount) return null;
  return { mount, totalKb: total, availableKb: available };
}
