/** Space of one file system, from a row of `df`. */
export interface DiskSpace {
  mount: string;
  totalKb: number;
  availableKb: number;
}

/**
 * Parses toybox `df` (1K blocks; a header, then rows of `Filesystem 1K-blocks Used Available
 * Use% Mounted-on`). A long file-system name may wrap the row onto a second line, so rows are
 * read from the words: each ends at the mount point after its `N%`. Pure.
 */
export function parseDfRows(text: string): DiskSpace[] {
  const words = text.split(/\r?\n/).slice(1).join(' ').split(/\s+/).filter(Boolean);
  const rows: DiskSpace[] = [];
  for (let start = 0; start < words.length;) {
    const percent = words.findIndex((word, i) => i >= start + 3 && /^\d+%$/.test(word));
    if (percent < 0) break;
    const totalKb = Number(words[percent - 3]);
    const availableKb = Number(words[percent - 1]);
    const mount = words[percent + 1];
    if (Number.isFinite(totalKb) && Number.isFinite(availableKb) && mount) {
      rows.push({ mount, totalKb, availableKb });
    }
    start = percent + 2;
  }
  return rows;
}

/** The file system holding the path of `df PATH`: its one row; null when there is none. */
export function parseDf(text: string): DiskSpace | null {
  return parseDfRows(text)[0] ?? null;
}
