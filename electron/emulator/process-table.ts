import type { ChildProcess } from 'node:child_process';

/** A process the phone shows in `ps -A`: a fixed system one, or a real child of the emulator. */
export interface PhoneProcess {
  pid: number;
  ppid: number;
  user: string;
  name: string;
  /** Resident set size in kB for system processes; children are read from the host's /proc. */
  rssKb: number;
  startedAt: number;
  /** Set for programs the phone runs: the host child process (its pid is the phone pid). */
  child?: ChildProcess;
  /** Its argv in device paths, as `/proc/<pid>/cmdline` shows it (default: the name). */
  argv?: readonly string[];
}

const systemProcesses: [number, number, string, string, number][] = [
  [1, 0, 'root', 'init', 10240],
  [2, 0, 'root', '[kthreadd]', 0],
  [560, 1, 'logd', 'logd', 9216],
  [610, 1, 'system', 'servicemanager', 6144],
  [700, 1, 'root', 'zygote64', 196608],
  [705, 1, 'system', 'surfaceflinger', 57344],
  [1150, 700, 'system', 'system_server', 401408],
  [1400, 1, 'shell', 'adbd', 12288],
];

/** The phone's process list: fixed system processes plus the programs it runs. */
export class ProcessTable {
  private readonly processes = new Map<number, PhoneProcess>();

  constructor(bootedAt = Date.now()) {
    for (const [pid, ppid, user, name, rssKb] of systemProcesses) {
      this.processes.set(pid, { pid, ppid, user, name, rssKb, startedAt: bootedAt });
    }
  }

  /** Registers a running child; it leaves the table when it exits. */
  addChild(name: string, child: ChildProcess, argv?: readonly string[]): PhoneProcess {
    const entry: PhoneProcess = {
      pid: child.pid!,
      ppid: 1400,
      user: 'shell',
      name,
      rssKb: 0,
      startedAt: Date.now(),
      child,
      argv,
    };
    this.processes.set(entry.pid, entry);
    child.once('exit', () => this.processes.delete(entry.pid));
    return entry;
  }

  /** Every process, by pid. */
  list(): PhoneProcess[] {
    return [...this.processes.values()].sort((a, b) => a.pid - b.pid);
  }

  get(pid: number): PhoneProcess | undefined {
    return this.processes.get(pid);
  }

  /** Programs the phone runs (real children), for the memory and thermal models. */
  children(): PhoneProcess[] {
    return this.list().filter((entry) => entry.child !== undefined);
  }

  /** Sends `signal` to a child; system processes answer "Operation not permitted". */
  kill(pid: number, signal: NodeJS.Signals): 'killed' | 'not-found' | 'not-permitted' {
    const entry = this.processes.get(pid);
    if (!entry) return 'not-found';
    if (!entry.child) return 'not-permitted';
    entry.child.kill(signal);
    return 'killed';
  }

  /** Kills every child (phone shutdown). */
  killAll(): void {
    for (const entry of this.children()) entry.child!.kill('SIGKILL');
  }
}
