import { posix } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';

/** Top-level directories of an Android file system; anything else is a host path, refused. */
const androidRoots = new Set([
  'data',
  'sdcard',
  'storage',
  'system',
  'vendor',
  'product',
  'odm',
  'apex',
  'proc',
  'sys',
  'dev',
  'etc',
  'mnt',
]);

/** Where pushed files may be written. */
export const writableRoots = ['/data/local/tmp', '/sdcard', '/storage/emulated/0'];

/**
 * Normalises a path given to the phone into an absolute device path, relative to `cwd`. Refuses
 * `..` that climbs above `/`, NUL bytes, over-long paths and paths outside the Android roots
 * (absolute host paths such as `/home/…` or `/tmp/…`). Pure.
 */
export function normalizeDevicePath(path: string, cwd = '/'): Result<string> {
  if (path.length === 0) return fail('invalid-args', 'empty path');
  if (path.includes('\0') || path.length > 1024) return fail('invalid-args', `bad path: ${path}`);
  const absolute = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of absolute.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return fail('unauthorized', `${path}: path escapes the device root`);
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  if (parts.length > 0 && !androidRoots.has(parts[0]!)) {
    return fail('unauthorized', `${path}: not a path on the device`);
  }
  return ok(`/${parts.join('/')}`);
}

/** True when `devicePath` (normalised) lies in a directory where the shell user may write. */
export function isWritable(devicePath: string): boolean {
  return writableRoots.some((root) => devicePath === root || devicePath.startsWith(`${root}/`));
}

/** True when `hostPath` is `root` or inside it. Pure. */
export function isInside(root: string, hostPath: string): boolean {
  const relative = posix.relative(root, hostPath);
  if (relative === '') return true;
  return relative !== '..' && !relative.startsWith('../') && !posix.isAbsolute(relative);
}
