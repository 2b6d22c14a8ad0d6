import { fail, ok, type Result } from '../../../../shared/result';
import { parseLsLong } from '../parse/ls-long';
import { quoteArgument } from '../shell/android-quote';
import { runShell, type ShellTransport } from '../shell/device-shell';
import { hashFile } from '../../hash-file';
import { cachePath } from './cache-layout';

/** A local file as the phone's content-addressed cache names it. */
export interface CacheWanted {
  file: string;
  sha256: string;
  bytes: number;
  remotePath: string;
}

/** What one look at the phone found: the cached files it holds whole, and other paths' sizes. */
export interface CacheSurvey {
  /** Each wanted file, with whether the cache holds it (its name and its size). */
  files: (CacheWanted & { cached: boolean })[];
  /** Size of each other path asked about that is a regular file on the phone. */
  others: Map<string, number>;
}

/**
 * Looks up several files in the phone's cache, and whether some other paths are there, in one
 * shell round trip: `touch -c` of the cache entries (a hit counts as used, for LRU eviction;
 * `-c` creates nothing) then `ls -l` of every path. A cache entry is trusted by its name and
 * size: it is only ever moved into place after its sha256 was checked on the phone
 * (`cachedPush`), so a hit is not hashed again; a miss goes through `cachedPush`, verified.
 */
export async function surveyCache(
  device: ShellTransport,
  files: readonly string[],
  others: readonly string[],
  signal?: AbortSignal,
): Promise<Result<CacheSurvey>> {
  let wanted: CacheWanted[];
  try {
    wanted = await Promise.all(files.map(hashedEntry));
  } catch (error) {
    return fail('not-found', `Cannot read a file to push: ${(error as Error).message}`);
  }
  const entries = wanted.map((entry) => entry.remotePath);
  const quoted = (paths: readonly string[]) => paths.map(quoteArgument).join(' ');
  // ls exits 1 for a path that is not there: that is an answer, not a failure.
  const touch = entries.length > 0 ? `touch -c ${quoted(entries)}; ` : '';
  const script = `${touch}ls -l ${quoted([...entries, ...others])}`;
  const listed = await runShell(device, 'sh', ['-c', script], { timeoutMs: 30_000, signal });
  if (!listed.ok) {
    if (listed.error.code === 'cancelled') return listed;
    return fail('device-lost', `DEVICE_LOST: ${listed.error.message}`);
  }
  const sizes = parseLsLong(listed.value.stdout);
  return ok({
    files: wanted.map((entry) => ({
      ...entry,
      cached: sizes.get(entry.remotePath) === entry.bytes,
    })),
    others: new Map(others.flatMap((path) => (sizes.has(path) ? [[path, sizes.get(path)!]] : []))),
  });
}

async function hashedEntry(file: string): Promise<CacheWanted> {
  const { sha256, bytes } = await hashFile(file);
  return { file, sha256, bytes, remotePath: cachePath(sha256) };
}
