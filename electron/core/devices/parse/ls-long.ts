/**
 * Sizes of the regular files in toybox `ls -l PATH…` output (`-rw-rw-rw- 1 shell shell 5
 * 2024-01-01 12:00 /path`), by the name as listed; folders, links and lines `ls` wrote for
 * paths it could not list are left out. Names are taken to have no spaces (the studio's own
 * paths). Pure.
 */
export function parseLsLong(text: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^-\S+\s+\d+\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(\S+)$/.exec(line.trim());
    if (match) sizes.set(match[2]!, Number(match[1]));
  }
  return sizes;
}
