/** Where the studio keeps its files on a phone. */
export const studioDir = '/data/local/tmp/edge-studio';
export const cacheDir = `${studioDir}/cache`;

/** The cached file of an artifact with this sha256. Pure. */
export function cachePath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return `${cacheDir}/${sha256}`;
}

/** A cache entry as the phone lists it. */
export interface CacheEntry {
  name: string;
  size: number;
  mtimeMs: number;
}

/**
 * The least recently used entries to remove so that `needed` bytes fit in `available`, oldest
 * first (a hit touches its entry). Temporary files of pushes in flight are never picked. Pure.
 */
export function pickEvictions(
  entries: readonly CacheEntry[],
  available: number,
  needed: number,
): CacheEntry[] | null {
  const candidates = entries
    .filter((entry) => /^[0-9a-f]{64}$/.test(entry.name))
    .sort((a, b) => a.mtimeMs - b.mtimeMs);
  const picked: CacheEntry[] = [];
  let free = available;
  for (const entry of candidates) {
    if (free >= needed) break;
    picked.push(entry);
    free += entry.size;
  }
  return free >= needed ? picked : null;
}

/** Parses `sha256sum FILE` output (`<hex>  <path>`). Pure. */
export function parseSha256sum(text: string): string | null {
  return /^([0-9a-f]{64})\s/.exec(text)?.[1] ?? null;
}
