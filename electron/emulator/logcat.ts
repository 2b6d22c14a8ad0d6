/** One logcat entry. */
export interface LogEntry {
  time: Date;
  pid: number;
  priority: 'V' | 'D' | 'I' | 'W' | 'E' | 'F';
  tag: string;
  message: string;
}

const capacity = 5000;

/** The phone's log buffer: bounded, with live subscribers for `logcat` without `-d`. */
export class Logcat {
  private entries: LogEntry[] = [];
  private listeners = new Set<(entry: LogEntry) => void>();

  /** Appends an entry and tells every live reader. */
  log(entry: Omit<LogEntry, 'time'>): void {
    const full = { ...entry, time: new Date() };
    this.entries.push(full);
    if (this.entries.length > capacity) this.entries.splice(0, this.entries.length - capacity);
    for (const listener of this.listeners) listener(full);
  }

  /** Everything still buffered. */
  dump(): readonly LogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }

  /** Calls `listener` for each new entry until the returned function is called. */
  follow(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** `threadtime` format, as `adb logcat -v threadtime` prints it. Pure. */
export function formatLogEntry(entry: LogEntry): string {
  const pad = (value: number, size = 2) => String(value).padStart(size, '0');
  const t = entry.time;
  const stamp = `${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}.${pad(t.getMilliseconds(), 3)}`;
  const pid = String(entry.pid).padStart(5);
  return `${stamp} ${pid} ${pid} ${entry.priority} ${entry.tag}: ${entry.message}\n`;
}
