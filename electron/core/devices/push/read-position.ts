import { readFile, readdir, readlink, realpath } from 'node:fs/promises';

/** How far a process has read a file, or null when it has no descriptor on it (yet, or any more). */
export type ReadPosition = () => Promise<number | null>;

/**
 * Follows how far process `pid` has read `file`: the offset of its descriptor on it, from Linux's
 * `/proc/PID/fdinfo`. The descriptor is searched for until found, then only it is read (its link
 * checked, as a closed number may be reused), so each poll is two small local reads, sharing the
 * thread pool with whatever else this process does. Null where there is no `/proc`.
 */
export function followReadPosition(pid: number, file: string): ReadPosition {
  let fd: string | null = null;
  let target: string | null = null;
  return async () => {
    try {
      target ??= await realpath(file);
      if (fd === null || (await readlink(`/proc/${pid}/fd/${fd}`)) !== target) {
        fd = await findDescriptor(pid, target);
      }
      if (fd === null) return null;
      const pos = /^pos:\s*(\d+)/m.exec(await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      return pos ? Number(pos[1]) : null;
    } catch {
      fd = null;
      return null;
    }
  };
}

/** The number of `pid`'s descriptor open on `target` (a real path), if any. */
async function findDescriptor(pid: number, target: string): Promise<string | null> {
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => null);
    if (link === target) return fd;
  }
  return null;
}
