import { EventEmitter } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EmulatedPhone } from '../../../emulator/emulated-phone';
import type { ShellTransport } from './device-shell';

/**
 * A shell transport straight onto an emulated phone's shell (no adb), merging stdout and stderr
 * as adb's legacy `shell:` does. Records every line, so tests can replay what the layer emits.
 */
export function phoneTransport(phone: EmulatedPhone, lines: string[] = []): ShellTransport {
  return {
    shell: async (line: string) => {
      lines.push(line);
      const { stdout, stderr } = await phone.runShell(line);
      return Readable.from([Buffer.from(stdout + stderr)]) as unknown as Duplex;
    },
  };
}

/** Strings a caller might pass that a naive join would let the shell interpret. */
export const hostileArguments = [
  'two words',
  "it's",
  '"double"',
  'a;reboot',
  '$(reboot)',
  '`reboot`',
  'line one\nline two',
  '$HOME',
  '\\back\\slash',
  "'; rm -rf / #",
  '*',
  '&& ||',
  '',
  '  ',
  '-n',
];

async function hostPathOf(phone: EmulatedPhone, path: string): Promise<string> {
  const host = await phone.fs.hostPath(path, 'write');
  if (!host.ok) throw new Error(host.error.message);
  return host.value;
}

/**
 * A whole device on an emulated phone without adb: the shell as `phoneTransport`, and push,
 * readdir and stat straight on its sandbox (what adbkit's sync client would do). Records every
 * shell line the device layer sends.
 */
export function phoneDevice(phone: EmulatedPhone, lines: string[] = []) {
  return {
    ...phoneTransport(phone, lines),
    push: async (contents: Readable, path: string) => {
      const host = await hostPathOf(phone, path);
      await mkdir(dirname(host), { recursive: true });
      const transfer = Object.assign(new EventEmitter(), { cancel: () => contents.destroy() });
      void pipeline(contents, createWriteStream(host)).then(
        () => transfer.emit('end'),
        (error: unknown) => transfer.emit('error', error),
      );
      return transfer;
    },
    readdir: async (path: string) => {
      const host = await hostPathOf(phone, path);
      const names = await readdir(host);
      return Promise.all(
        names.map(async (name) => {
          const info = await stat(join(host, name));
          return { name, size: info.size, mtime: info.mtime };
        }),
      );
    },
    stat: async (path: string) => ({ size: (await stat(await hostPathOf(phone, path))).size }),
  };
}
