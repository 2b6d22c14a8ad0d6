import { readFile, readdir, readlink, realpath } from 'node:fs/promises';

/**
 * How far process `pid` has read `file`: the offset of its descriptor on it, from Linux's
 * `/proc/PID/fdinfo`. Costs a few local syscalls and nothing on the link to the phone. Null when
 * the process has no descriptor on the file (yet, or any more) or there is no `/proc`.
 */
export async function readPosition(pid: number, file: string): Promise<number | null> {
  try {
    const target = await realpath(file);
    const fds = await readdir(`/proc/${pid}/fd`);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => null);
      if (link !== target) continue;
      const info = await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
      const pos = /^pos:\s*(\d+)/m.exec(info);
      return pos ? Number(pos[1]) : null;
    }
    return null;
  } catch {
    return null;
  }
}
