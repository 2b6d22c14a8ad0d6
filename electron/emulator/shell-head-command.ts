import { createReadStream } from 'node:fs';
import { hostPathOf, errnoText, usage } from './shell-command-helpers';
import type { CommandIo, ShellCommand, ShellHost } from './shell-types';

/**
 * toybox `head [-n N] FILE…`: the first N lines (default 10) of each file. With more than one file
 * each is preceded by `==> FILE <==` and all but the first by a blank line, as toybox prints them;
 * a file that cannot be read is an error line on stderr, no header, and status 1. Virtual /proc and
 * /sys files are read like any other (the run sampler reads several in one command this way).
 */
export const head: ShellCommand = async (args, io, host) => {
  const parsed = parseArgs(args);
  if (!parsed) return usage(io, 'head [-n NUMBER] [FILE...]');
  let status = 0;
  let printed = 0;
  for (const path of parsed.paths) {
    const text = await readText(path, io, host);
    if (text === null) {
      status = 1;
      continue;
    }
    if (parsed.paths.length > 1) await io.out(`${printed++ > 0 ? '\n' : ''}==> ${path} <==\n`);
    await io.out(firstLines(text, parsed.lines));
  }
  return status;
};

function parseArgs(args: readonly string[]): { lines: number; paths: string[] } | null {
  let lines = 10;
  const paths: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const joined = /^-n(\d+)$/.exec(arg) ?? /^-(\d+)$/.exec(arg);
    if (joined) lines = Number(joined[1]);
    else if (arg === '-n' && /^\d+$/.test(args[index + 1] ?? '')) lines = Number(args[++index]);
    else if (arg.startsWith('-') && arg !== '-') return null;
    else paths.push(arg);
  }
  return paths.length > 0 ? { lines, paths } : null;
}

async function readText(path: string, io: CommandIo, host: ShellHost): Promise<string | null> {
  if (host.files.isVirtual(path)) {
    const virtual = await host.files.read(path);
    if (virtual !== null) return virtual;
    await io.err(`head: ${path}: No such file or directory\n`);
    return null;
  }
  const hostPath = await hostPathOf('head', path, 'read', io, host);
  if (hostPath === null) return null;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of createReadStream(hostPath)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    await io.err(`head: ${path}: ${errnoText(error)}\n`);
    return null;
  }
}

function firstLines(text: string, count: number): string {
  let end = 0;
  for (let line = 0; line < count && end < text.length; line++) {
    const next = text.indexOf('\n', end);
    end = next === -1 ? text.length : next + 1;
  }
  return text.slice(0, end);
}
