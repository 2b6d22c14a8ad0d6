import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { perPath } from './shell-command-helpers';
import { head } from './shell-head-command';
import type { CommandIo, ShellCommand } from './shell-types';

const cat: ShellCommand = async (args, io, host) => {
  let status = 0;
  for (const path of args) {
    const virtual = host.files.isVirtual(path) ? await host.files.read(path) : undefined;
    if (typeof virtual === 'string') {
      await io.out(virtual);
      continue;
    }
    const ok = await perPath('cat', 'read', async (hostPath) => {
      for await (const chunk of createReadStream(hostPath)) await io.out(chunk as Buffer);
    })([path], io, host);
    status = Math.max(status, ok);
  }
  return status;
};

const ls: ShellCommand = async (args, io, host) => {
  const long = args.some((arg) => /^-\w*l/.test(arg));
  const paths = args.filter((arg) => !arg.startsWith('-'));
  let status = 0;
  for (const path of paths.length > 0 ? paths : [io.cwd]) {
    const virtual = host.files.isVirtual(path) ? host.files.list(path.replace(/\/$/, '')) : null;
    if (virtual) {
      await io.out(virtual.map((name) => `${name}\n`).join(''));
      continue;
    }
    status = Math.max(
      status,
      await perPath('ls', 'read', (hostPath) => listOne(hostPath, path, long, io))(
        [path],
        io,
        host,
      ),
    );
  }
  return status;
};

async function listOne(
  hostPath: string,
  path: string,
  long: boolean,
  io: CommandIo,
): Promise<void> {
  const stats = await stat(hostPath);
  const names = stats.isDirectory() ? (await readdir(hostPath)).sort() : [path];
  if (!long) return io.out(names.map((name) => `${name}\n`).join(''));
  for (const name of names) {
    const entry = stats.isDirectory() ? await lstat(`${hostPath}/${name}`) : stats;
    const type = entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : '-';
    const date = entry.mtime.toISOString().slice(0, 16).replace('T', ' ');
    await io.out(
      `${type}${modeText(entry.mode)} 1 shell shell ${String(entry.size).padStart(8)} ${date} ${name}\n`,
    );
  }
}

function modeText(mode: number): string {
  const bits = 'rwxrwxrwx';
  return [...bits].map((bit, index) => (mode & (1 << (8 - index)) ? bit : '-')).join('');
}

const statCommand = perPath('stat', 'read', async (hostPath, path, io) => {
  const stats = await lstat(hostPath);
  const kind = stats.isDirectory() ? 'directory' : 'regular file';
  await io.out(
    `  File: ${path}\n  Size: ${stats.size}\t Blocks: ${stats.blocks}\t ${kind}\nAccess: (${(stats.mode & 0o7777).toString(8).padStart(4, '0')}/-${modeText(stats.mode)})  Uid: ( 2000/   shell)   Gid: ( 2000/   shell)\nModify: ${stats.mtime.toISOString()}\n`,
  );
});

const sha256sum = perPath('sha256sum', 'read', async (hostPath, path, io) => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(hostPath)) hash.update(chunk as Buffer);
  await io.out(`${hash.digest('hex')}  ${path}\n`);
});

const df: ShellCommand = async (_args, io) => {
  await io.out(
    'Filesystem      1K-blocks     Used Available Use% Mounted on\n/dev/block/dm-8 230000000 41000000 189000000  18% /data\n',
  );
  return 0;
};

const echo: ShellCommand = async (args, io) => {
  const newline = args[0] !== '-n';
  await io.out(`${(newline ? args : args.slice(1)).join(' ')}${newline ? '\n' : ''}`);
  return 0;
};

/** Commands of the shell subset that read files. */
export const readCommands: Record<string, ShellCommand> = {
  cat,
  head,
  ls,
  stat: statCommand,
  sha256sum,
  df,
  echo,
};
