import { PassThrough, type Duplex } from 'node:stream';
import type { ShellTransport } from '../../devices/shell/device-shell';

/** One shell command a test answers by hand: its line, and the stream to write it out on. */
export interface ScriptedShell {
  line: string;
  /** Writes stdout as it would arrive (any chunking). */
  write(text: string): void;
  /** Ends the command as the sentinel does: exit marker, then stderr. */
  exit(code: number, stderr?: string): void;
  /** Ends the stream without the marker, as a dropped link does. */
  drop(): void;
}

/**
 * A shell transport whose commands the test answers piece by piece (streaming, dropped links),
 * reading the shell helper's random exit marker from the line it sent.
 */
export function scriptedTransport(onCommand: (shell: ScriptedShell) => void): ShellTransport {
  return {
    shell: async (line: string) => {
      const stream = new PassThrough();
      const marker = /echo (__edge_studio_exit_[0-9a-f]+:)\$\?/.exec(line)?.[1] ?? '';
      const write = (text: string) => void stream.write(Buffer.from(text));
      setImmediate(() =>
        onCommand({
          line,
          write,
          exit: (code, stderr = '') => {
            write(`${marker}${code}\n${stderr}`);
            stream.end();
          },
          drop: () => stream.end(),
        }),
      );
      return stream as Duplex;
    },
  };
}
