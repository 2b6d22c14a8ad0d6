import type { Logcat } from './logcat';
import type { ProcessTable } from './process-table';
import type { SandboxFs } from './sandbox-fs';
import type { VirtualFiles } from './virtual-files';

/** Where a command writes, and how it learns it should stop. */
export interface CommandIo {
  out(data: string | Buffer): Promise<void>;
  err(data: string | Buffer): Promise<void>;
  /** Aborted when the shell's stream closes (the host went away or hit Ctrl-C). */
  signal: AbortSignal;
  cwd: string;
  /** The shell's variables (HOME, TMPDIR, exported ones), passed to programs it runs. */
  env?: Readonly<Record<string, string>>;
}

/** What the shell's commands see of their phone. */
export interface ShellHost {
  fs: SandboxFs;
  properties: ReadonlyMap<string, string>;
  processes: ProcessTable;
  logcat: Logcat;
  files: VirtualFiles;
  /** `dumpsys SERVICE args…` text, or null for an unknown service. */
  dumpsys(args: readonly string[]): Promise<string | null>;
  /**
   * sha256 of the files that hold bytes the host pushed over sync, by device path: only those
   * run. `mv` carries an entry along, `tar` adds the files it extracts from a pushed archive.
   */
  pushed?: Map<string, string>;
  /** Runs a pushed program as a real child process; resolves to its exit status. */
  runProgram(devicePath: string, args: readonly string[], io: CommandIo): Promise<number>;
}

/** A shell command: arguments (without the name) → exit status. */
export type ShellCommand = (args: string[], io: CommandIo, host: ShellHost) => Promise<number>;
