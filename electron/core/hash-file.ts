import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

const known = new Map<string, { sha256: string; bytes: number }>();
const maxKnown = 1024;

/**
 * sha256 (hex) and size of a local file, streamed. Remembered per (path, inode, size, mtime) in
 * this process, so pushing the same artifact to many phones hashes it once.
 */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const info = await stat(path, { bigint: true });
  const key = `${path}\u0000${info.ino}:${info.size}:${info.mtimeNs}`;
  const remembered = known.get(key);
  if (remembered) return remembered;
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const result = { sha256: hash.digest('hex'), bytes };
  if (known.size >= maxKnown) known.delete(known.keys().next().value!);
  known.set(key, result);
  return result;
}
