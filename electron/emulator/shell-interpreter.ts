import { open, stat } from 'node:fs/promises';
import { fileCommands } from './shell-file-commands';
import { readCommands } from './shell-read-commands';
import { archiveCommands } from './shell-tar-command';
import { parseCommandLine, type CommandList, type SimpleCommand } from './shell-parse';
import { systemCommands } from './shell-system-commands';
import type { CommandIo, ShellCommand, ShellHost } from './shell-types';

const commands: Record<string, ShellCommand> = {
  ...readCommands,
  ...fileCommands,
  ...systemCommands,
  ...archiveCommands,
};

/** The command names of the documented subset (for `help` and tests). */
export const shellCommandNames = Object.keys(commands).sort();

/** Stands for `$?` in a parsed line until its command runs (a NUL never appears in argv). */
const statusMarker = '\u0000status\u0000';

type Sink = (data: string | Buffer) => Promise<void>;

/** A shell session: its working directory and environment persist across command lines. */
export class ShellSession {
  cwd = '/';
  readonly env: Record<string, string> = {
    HOME: '/',
    PATH: '/system/bin',
    TMPDIR: '/data/local/tmp',
  };

  /** Set by `exec` and `exit`: as in sh, nothing after them on the line runs. */
  private ended = false;

  constructor(private readonly host: ShellHost) {}

  /** Runs one command line; resolves to the status of the last command run. */
  async run(line: string, io: CommandIo): Promise<number> {
    // `$?` must be read when its command runs, not when the line is parsed (as in sh), so it
    // parses to a marker that `execute` replaces with the status of the command before.
    const parsed = parseCommandLine(line, { ...this.env, '?': statusMarker });
    if (!parsed.ok) {
      await io.err(`sh: ${parsed.error.message}\n`);
      return 2;
    }
    return this.runList(parsed.value, io);
  }

  private async runList(list: CommandList, io: CommandIo): Promise<number> {
    let status = 0;
    for (const { connector, command } of list) {
      if (connector === '&&' && status !== 0) continue;
      if (connector === '||' && status === 0) continue;
      if (io.signal.aborted || this.ended) break;
      if (command.background) {
        // Like `nohup … &`: detached from this stream's output and its hang-up.
        void this.runCommand(command, detachedIo(io)).catch(() => undefined);
        status = 0;
      } else {
        status = await this.runCommand(command, io);
      }
      this.env['?'] = String(status);
    }
    return status;
  }

  private async runCommand(command: SimpleCommand, io: CommandIo): Promise<number> {
    const opened: { close(): Promise<void> }[] = [];
    const sinks: Record<1 | 2, Sink> = { 1: io.out, 2: io.err };
    try {
      for (const redirect of command.redirects) {
        if (redirect.kind === 'dup') {
          sinks[redirect.fd] = sinks[redirect.to];
          continue;
        }
        const sink = await this.fileSink(redirect.target, redirect.append, io, opened);
        if (!sink) return 1;
        sinks[redirect.fd] = sink;
      }
      const commandIo: CommandIo = {
        out: sinks[1],
        err: sinks[2],
        signal: io.signal,
        cwd: this.cwd,
        env: this.env,
      };
      return await this.execute(command.argv, commandIo);
    } finally {
      for (const file of opened) await file.close();
    }
  }

  private async execute(words: string[], io: CommandIo): Promise<number> {
    const status = this.env['?'] ?? '0';
    const argv = words.map((word) => word.replaceAll(statusMarker, status));
    const [name, ...args] = argv;
    if (name === undefined) return 0;
    if (name === 'cd') return this.changeDirectory(args[0] ?? '/', io);
    if (name === 'exit' || name === 'exec') this.ended = true;
    if (name === 'exit') return Number(args[0] ?? 0) || 0;
    // exec replaces the shell with the program: its status is the shell's, and the line ends.
    if (name === 'exec') return this.execute(args, io);
    if (name === 'sh') return this.childShell(args, io);
    if (name === 'export') return this.exportVariables(args);
    if (name.includes('/')) return this.host.runProgram(name, args, io);
    const command = commands[name];
    if (command) return command(args, io, this.host);
    await io.err(`sh: ${name}: not found\n`);
    return 127;
  }

  /** `sh -c LINE`: a child shell with this one's variables and directory, which it cannot change. */
  private async childShell(args: string[], io: CommandIo): Promise<number> {
    if (args[0] !== '-c' || args[1] === undefined) {
      await io.err('sh: only `sh -c COMMAND` is supported\n');
      return 2;
    }
    const child = new ShellSession(this.host);
    Object.assign(child.env, this.env);
    child.cwd = this.cwd;
    return child.run(args[1], io);
  }

  private exportVariables(args: string[]): number {
    for (const assignment of args) {
      const equals = assignment.indexOf('=');
      if (equals > 0) this.env[assignment.slice(0, equals)] = assignment.slice(equals + 1);
    }
    return 0;
  }

  private async changeDirectory(path: string, io: CommandIo): Promise<number> {
    const host = await this.host.fs.hostPath(path, 'read', this.cwd);
    const isDir =
      host.ok &&
      (await stat(host.value).then(
        (s) => s.isDirectory(),
        () => false,
      ));
    if (!host.ok || !isDir) {
      await io.err(`sh: cd: ${path}: No such file or directory\n`);
      return 2;
    }
    this.cwd = this.host.fs.devicePath(host.value);
    return 0;
  }

  /** Where `> target` writes: /dev/null, a virtual file, or a sandbox file. */
  private async fileSink(
    target: string,
    append: boolean,
    io: CommandIo,
    opened: { close(): Promise<void> }[],
  ): Promise<Sink | null> {
    if (target === '/dev/null') return async () => undefined;
    if (this.host.files.isVirtual(target)) {
      const parts: string[] = [];
      opened.push({
        close: async () => void (await this.host.files.write(target, parts.join(''))),
      });
      return async (data) => void parts.push(String(data));
    }
    const host = await this.host.fs.hostPath(target, 'write', this.cwd);
    if (!host.ok) {
      await io.err(`sh: ${target}: ${host.error.message}\n`);
      return null;
    }
    const file = await open(host.value, append ? 'a' : 'w');
    opened.push(file);
    return async (data) =>
      void (await file.write(typeof data === 'string' ? Buffer.from(data) : data));
  }
}

function detachedIo(io: CommandIo): CommandIo {
  const discard = async () => undefined;
  return { out: discard, err: discard, signal: new AbortController().signal, cwd: io.cwd };
}
