import { parseKbFields } from './dumpsys-format';
import { formatGetprop } from './phone-properties';
import { formatLogEntry } from './logcat';
import type { CommandIo, ShellCommand } from './shell-types';

const getprop: ShellCommand = async (args, io, host) => {
  if (args.length === 0) {
    await io.out(formatGetprop(host.properties));
    return 0;
  }
  await io.out(`${host.properties.get(args[0]!) ?? args[1] ?? ''}\n`);
  return 0;
};

/** toybox `ps -A` layout; programs the phone runs show their real RSS. */
const ps: ShellCommand = async (_args, io, host) => {
  const rows: string[] = [];
  for (const entry of host.processes.list()) {
    const status = entry.child ? await host.files.read(`/proc/${entry.pid}/status`) : null;
    const rssKb = status ? (parseKbFields(status).VmRSS ?? 0) : entry.rssKb;
    const vszKb = status ? (parseKbFields(status).VmSize ?? 0) : entry.rssKb * 8;
    rows.push(psRow(entry.user, entry.pid, entry.ppid, vszKb, rssKb, entry.name));
  }
  const header = 'USER           PID  PPID        VSZ    RSS WCHAN            ADDR S NAME';
  await io.out(`${header}\n${rows.join('\n')}\n`);
  return 0;
};

function psRow(user: string, pid: number, ppid: number, vsz: number, rss: number, name: string) {
  const columns = [
    user.padEnd(10),
    String(pid).padStart(5),
    String(ppid).padStart(5),
    String(vsz).padStart(10),
    String(rss).padStart(6),
    '0'.padEnd(16),
    '0'.padStart(4),
    'S',
    name,
  ];
  return columns.join(' ');
}

const pidof: ShellCommand = async (args, io, host) => {
  const pids = host.processes
    .list()
    .filter((entry) => args.includes(entry.name))
    .map((entry) => entry.pid);
  if (pids.length === 0) return 1;
  await io.out(`${pids.join(' ')}\n`);
  return 0;
};

const signals: Record<string, NodeJS.Signals> = {
  '9': 'SIGKILL',
  '15': 'SIGTERM',
  '2': 'SIGINT',
  KILL: 'SIGKILL',
  TERM: 'SIGTERM',
  INT: 'SIGINT',
};

const kill: ShellCommand = async (args, io, host) => {
  const flag = args[0]?.startsWith('-') ? args[0].slice(1).replace(/^SIG/, '') : null;
  const signal = flag === null ? 'SIGTERM' : signals[flag];
  if (!signal) return fail(io, `kill: unknown signal ${flag}`);
  let status = 0;
  for (const pidText of args.slice(flag === null ? 0 : 1)) {
    const outcome = host.processes.kill(Number(pidText), signal);
    if (outcome === 'killed') continue;
    status = 1;
    await io.err(
      `kill: pid ${pidText}: ${outcome === 'not-found' ? 'No such process' : 'Operation not permitted'}\n`,
    );
  }
  return status;
};

const sleep: ShellCommand = async (args, io) => {
  const seconds = Number(args[0]);
  if (!Number.isFinite(seconds) || seconds < 0) return fail(io, 'sleep: invalid number');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    io.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return 0;
};

const logcat: ShellCommand = async (args, io, host) => {
  if (args.includes('-c')) {
    host.logcat.clear();
    return 0;
  }
  const tail = logcatTail(args);
  if (tail === null) return fail(io, 'logcat: -T takes a line count here (times are not emulated)');
  const buffered = host.logcat.dump();
  await io.out(
    buffered
      .slice(Math.max(0, buffered.length - tail))
      .map(formatLogEntry)
      .join(''),
  );
  if (args.includes('-d') || args.includes('-t')) return 0;
  // Follow mode: stream what the phone's programs log until the host closes the stream.
  await new Promise<void>((resolve) => {
    const stop = host.logcat.follow((entry) => void io.out(formatLogEntry(entry)));
    io.signal.addEventListener('abort', () => {
      stop();
      resolve();
    });
  });
  return 0;
};

/**
 * How many buffered lines `logcat` prints before following: all of them, or the last N for
 * `-T N` / `-t N` (as on a phone: `-t` implies `-d`, `-T` keeps streaming). Null for a time
 * argument (`-T '01-02 10:00:00.000'`), which this phone does not emulate.
 */
function logcatTail(args: readonly string[]): number | null {
  const index = args.findIndex((arg) => arg === '-T' || arg === '-t');
  if (index === -1) return Number.POSITIVE_INFINITY;
  const count = args[index + 1] ?? '';
  return /^\d+$/.test(count) ? Number(count) : null;
}

const dumpsys: ShellCommand = async (args, io, host) => {
  const text = await host.dumpsys(args);
  if (text === null) return fail(io, `Can't find service: ${args[0] ?? ''}`);
  await io.out(text);
  return 0;
};

async function fail(io: CommandIo, message: string): Promise<number> {
  await io.err(`${message}\n`);
  return 1;
}

/** System commands of the shell subset. */
export const systemCommands: Record<string, ShellCommand> = {
  getprop,
  ps,
  pidof,
  kill,
  sleep,
  logcat,
  dumpsys,
  true: async () => 0,
  false: async () => 1,
};
