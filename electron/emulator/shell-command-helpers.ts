import type { CommandIo, ShellCommand, ShellHost } from './shell-types';

/** Resolves a path for a command, printing `name: path: reason` on refusal. */
export async function hostPathOf(
  name: string,
  path: string,
  intent: 'read' | 'write',
  io: CommandIo,
  host: ShellHost,
  followLast = true,
): Promise<string | null> {
  const resolved = await host.fs.hostPath(path, intent, io.cwd, { followLast });
  if (resolved.ok) return resolved.value;
  await io.err(`${name}: ${resolved.error.message}\n`);
  return null;
}

/** The toybox wording of a Node file-system error code. */
export function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'No such file or directory';
  if (code === 'EISDIR') return 'Is a directory';
  if (code === 'ENOTDIR') return 'Not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'Permission denied';
  return code ?? 'I/O error';
}

/** Runs `action` per path argument; the status is 1 if any failed. */
export function perPath(
  name: string,
  intent: 'read' | 'write',
  action: (hostPath: string, path: string, io: CommandIo, host: ShellHost) => Promise<void>,
  followLast = true,
): ShellCommand {
  return async (args, io, host) => {
    let status = 0;
    for (const path of args.filter((arg) => !arg.startsWith('-'))) {
      const hostPath = await hostPathOf(name, path, intent, io, host, followLast);
      if (hostPath === null) {
        status = 1;
        continue;
      }
      try {
        await action(hostPath, path, io, host);
      } catch (error) {
        await io.err(`${name}: ${path}: ${errnoText(error)}\n`);
        status = 1;
      }
    }
    return status;
  };
}

/** Prints `usage: …` and returns status 1. */
export async function usage(io: CommandIo, text: string): Promise<number> {
  await io.err(`usage: ${text}\n`);
  return 1;
}
