/**
 * `Key:   123 kB` lines of a /proc file (status, smaps, smaps_rollup, meminfo) as numbers, `kB`
 * optional (meminfo's `HugePages_Total:       0`). Each line is read on its own and may be
 * indented or end in `\r`: captures come indented (the kernel's proc.rst, man pages, a pty) and
 * with CRLF (adb on Windows). A key seen twice keeps its last value. Pure.
 */
export function kbFields(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^[ \t]*([\w()]+):[ \t]*(\d+)(?:[ \t]+kB)?[ \t\r]*$/.exec(line);
    if (match) fields.set(match[1]!, Number(match[2]));
  }
  return fields;
}
