import { chmod, lstat, mkdir, open, rename, rm, stat, utimes } from 'node:fs/promises';
import { errnoText, hostPathOf, perPath, usage } from './shell-command-helpers';
import type { ShellCommand, ShellHost } from './shell-types';

/** `touch FILE…`; with `-c` (as toybox) a missing file is left missing, and that is no error. */
const touch: ShellCommand = async (args, io, host) => {
  const create = !args.some((arg) => /^-\w*c/.test(arg));
  return perPath('touch', 'write', async (hostPath) => {
    const now = new Date();
    await utimes(hostPath, now, now).catch(async (error: NodeJS.ErrnoException) => {
      if (create) await (await open(hostPath, 'a')).close();
      else if (error.code !== 'ENOENT') throw error;
    });
  })(args, io, host);
};

/** `mkdir DIR` fails when DIR exists (what makes it a lock, as in toybox); `-p` does not. */
const mkdirCommand: ShellCommand = async (args, io, host) => {
  const parents = args.some((arg) => /^-\w*p/.test(arg));
  return perPath('mkdir', 'write', async (hostPath) => {
    await mkdir(hostPath, { recursive: parents });
  })(args, io, host);
};

const rmCommand: ShellCommand = async (args, io, host) => {
  const force = args.some((arg) => /^-\w*f/.test(arg));
  const recursive = args.some((arg) => /^-\w*[rR]/.test(arg));
  return perPath(
    'rm',
    'write',
    async (hostPath) => {
      const stats = await lstat(hostPath).catch(() => null);
      if (!stats && force) return;
      if (stats?.isDirectory() && !recursive) throw Object.assign(new Error(), { code: 'EISDIR' });
      await rm(hostPath, { recursive, force });
    },
    false,
  )(args, io, host);
};

const mv: ShellCommand = async (args, io, host) => {
  const [from, to] = args.filter((arg) => !arg.startsWith('-'));
  if (!from || !to) return usage(io, 'mv SOURCE DEST');
  const source = await hostPathOf('mv', from, 'write', io, host, false);
  const target = await hostPathOf('mv', to, 'write', io, host);
  if (source === null || target === null) return 1;
  const isDir = await stat(target).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const name = source.slice(source.lastIndexOf('/') + 1);
  const placed = isDir ? `${target}/${name}` : target;
  return rename(source, placed).then(
    () => (carryPushed(host, source, placed), 0),
    async (error: unknown) => {
      await io.err(`mv: ${from}: ${errnoText(error)}\n`);
      return 1;
    },
  );
};

/** Pushed files keep their record when moved (a file, or everything under a folder). */
function carryPushed(host: ShellHost, fromHost: string, toHost: string): void {
  if (!host.pushed) return;
  const [from, to] = [host.fs.devicePath(fromHost), host.fs.devicePath(toHost)];
  for (const [path, sha] of [...host.pushed]) {
    if (path !== from && !path.startsWith(`${from}/`)) continue;
    host.pushed.delete(path);
    host.pushed.set(to + path.slice(from.length), sha);
  }
}

const chmodCommand: ShellCommand = async (args, io, host) => {
  const [modeText, ...paths] = args.filter((arg) => !arg.startsWith('-'));
  const mode = modeText === '+x' ? 0o755 : Number.parseInt(modeText ?? '', 8);
  if (!Number.isFinite(mode) || paths.length === 0) return usage(io, 'chmod MODE FILE…');
  return perPath('chmod', 'write', (hostPath) => chmod(hostPath, mode))(paths, io, host);
};

/** Commands of the shell subset that change files (in writable directories only). */
export const fileCommands: Record<string, ShellCommand> = {
  touch,
  mkdir: mkdirCommand,
  rm: rmCommand,
  mv,
  chmod: chmodCommand,
};
