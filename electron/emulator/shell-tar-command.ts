import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import { errnoText, hostPathOf, usage } from './shell-command-helpers';
import type { CommandIo, ShellCommand, ShellHost } from './shell-types';

/** `tar -xf FILE [-C DIR] [-v]` (also `xf`, `-x -f FILE`): what a toybox tar offers. */
interface TarArgs {
  file: string;
  dir: string;
  verbose: boolean;
}

/** Toybox-style options: letters bundled or not; `f` and `C` take the next words, in order. */
function parseTarArgs(args: readonly string[]): TarArgs | null {
  const takes: ('f' | 'C')[] = [];
  const parsed = { file: '', dir: '.', verbose: false, extract: false };
  for (const [index, arg] of args.entries()) {
    const wanted = takes.shift();
    if (wanted === 'f') parsed.file = arg;
    else if (wanted === 'C') parsed.dir = arg;
    else if (/^-?[xvfC]+$/.test(arg) && (index === 0 || arg.startsWith('-'))) {
      for (const letter of arg.replace(/^-/, '')) {
        if (letter === 'x') parsed.extract = true;
        if (letter === 'v') parsed.verbose = true;
        if (letter === 'f' || letter === 'C') takes.push(letter);
      }
    } else return null;
  }
  return parsed.extract && parsed.file && takes.length === 0 ? parsed : null;
}

/**
 * The device path an entry goes to, or null for one that would land outside DIR: an absolute
 * name or a `..` component (GNU and toybox tar refuse those too).
 */
function entryPath(dir: string, name: string): string | null {
  if (name.startsWith('/') || name.split('/').includes('..')) return null;
  return posix.join(dir, name);
}

/**
 * Extracts a plain (ustar/pax) tar into a writable sandbox folder: regular files and folders
 * only. Links are refused (a symlink could point a later entry out of the sandbox), and every
 * target goes through the sandbox's own path check, so no entry leaves it.
 */
const tar: ShellCommand = async (args, io, host) => {
  const parsed = parseTarArgs(args);
  if (!parsed) return usage(io, 'tar -xf FILE [-C DIR] (only extraction is emulated)');
  const archive = await hostPathOf('tar', parsed.file, 'read', io, host);
  const dir = await hostPathOf('tar', parsed.dir, 'write', io, host);
  if (archive === null || dir === null) return 1;
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    await io.err(`tar: chdir '${parsed.dir}': No such file or directory\n`);
    return 1;
  }
  let status = 0;
  const written = new Map<string, string>();
  const entries = extract();
  entries.on('entry', (header, stream, next) => {
    void place(header, parsed, io, host).then(
      async (target) => {
        if (target === null) status = 1;
        if (target === null || header.type === 'directory') stream.resume();
        else {
          const sha = hashing();
          await pipeline(stream, sha, createWriteStream(target, { mode: fileMode(header) }));
          written.set(host.fs.devicePath(target), sha.digest());
        }
        next();
      },
      (error: unknown) => next(error as Error),
    );
  });
  const archiveSha = hashing();
  try {
    await pipeline(createReadStream(archive), archiveSha, entries, { signal: io.signal });
  } catch (error) {
    await io.err(`tar: ${parsed.file}: ${errnoText(error)}\n`);
    return 1;
  }
  // Bytes from an archive the host pushed (unchanged since) count as pushed: they may run.
  if (host.pushed?.get(host.fs.devicePath(archive)) === archiveSha.digest())
    for (const [path, sha] of written) host.pushed.set(path, sha);
  return status;
};

/** A pass-through stream that hashes what goes through it (sha256, hex once ended). */
function hashing(): Transform & { digest(): string } {
  const hash = createHash('sha256');
  let hex = '';
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return Object.assign(stream, { digest: () => (hex ||= hash.digest('hex')) });
}

/** Makes an entry's folders; returns its host path, or null (said on stderr) when refused. */
async function place(
  header: Header,
  parsed: TarArgs,
  io: CommandIo,
  host: ShellHost,
): Promise<string | null> {
  const refuse = async (why: string) => (await io.err(`tar: ${header.name}: ${why}\n`), null);
  if (header.type !== 'file' && header.type !== 'directory')
    return refuse(`${header.type ?? 'special'} entries are not extracted`);
  const device = entryPath(parsed.dir, header.name);
  if (device === null) return refuse('leaves the target folder');
  const target = await hostPathOf('tar', device, 'write', io, host);
  if (target === null) return null;
  await mkdir(header.type === 'directory' ? target : posix.dirname(target), { recursive: true });
  if (parsed.verbose) await io.out(`${header.name}\n`);
  return target;
}

function fileMode(header: Header): number {
  return (header.mode ?? 0o644) & 0o777;
}

/** Archive commands of the shell subset. */
export const archiveCommands: Record<string, ShellCommand> = { tar };
