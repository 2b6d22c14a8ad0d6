/**
 * The CPU numbers of a kernel CPU list (`/sys/devices/system/cpu/present`, `possible`, `online`):
 * `0-7`, `0-3,6-7`, `0`. Null for text that is not one. Pure.
 */
export function parseCpuList(text: string): number[] | null {
  const trimmed = text.trim();
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(trimmed)) return null;
  const cpus: number[] = [];
  for (const range of trimmed.split(',')) {
    const [first, last = first] = range.split('-').map(Number) as [number, number?];
    if (last < first || last - first > 1023) return null;
    for (let cpu = first; cpu <= last; cpu++) cpus.push(cpu);
  }
  return cpus;
}
