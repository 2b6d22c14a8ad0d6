/** One row of toybox `ps -A`. */
export interface PsRow {
  user: string;
  pid: number;
  ppid: number;
  rssKb: number;
  name: string;
}

/**
 * Parses toybox `ps -A` (`USER PID PPID VSZ RSS WCHAN ADDR S NAME`, Android 8+): columns found by
 * the header, so a layout with more or fewer of them still reads; NAME is the rest of the row.
 * Rows that do not parse are left out. Pure.
 */
export function parsePs(text: string): PsRow[] {
  const [header, ...rows] = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const columns = (header ?? '').trim().split(/\s+/);
  const at = (name: string) => columns.indexOf(name);
  const [user, pid, ppid, rss, name] = ['USER', 'PID', 'PPID', 'RSS', 'NAME'].map(at) as number[];
  if (pid! < 0 || name! !== columns.length - 1) return [];
  const parsed: PsRow[] = [];
  for (const row of rows) {
    const cells = row.trim().split(/\s+/);
    if (cells.length < columns.length) continue;
    const rest = cells.slice(name).join(' ');
    const number = (index: number) => (index < 0 ? 0 : Number(cells[index]));
    if (!Number.isInteger(number(pid!))) continue;
    parsed.push({
      user: user! < 0 ? '' : cells[user!]!,
      pid: number(pid!),
      ppid: number(ppid!),
      rssKb: number(rss!) || 0,
      name: rest,
    });
  }
  return parsed;
}
