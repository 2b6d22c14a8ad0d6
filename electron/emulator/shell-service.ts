import type { AdbStream } from './adb-stream';
import { ShellSession } from './shell-interpreter';
import {
  encodeShellPacket,
  ShellPacket,
  ShellPacketParser,
  type ShellRequest,
} from './shell-protocol';
import type { CommandIo, ShellHost } from './shell-types';

/**
 * Runs a shell request on `stream`. With v2, stdout and stderr are framed apart and the exit
 * status ends the stream; raw merges them and just closes. An empty command reads command lines
 * from stdin (interactive use).
 */
export function startShellService(stream: AdbStream, request: ShellRequest, host: ShellHost): void {
  const session = new ShellSession(host);
  const controller = new AbortController();
  stream.onClose(() => controller.abort());
  const io = shellIo(stream, request.protocol, controller.signal);
  const lines = request.command.trim() === '' ? stdinLines(stream, request.protocol) : null;
  void runSession(session, request, io, lines).then(async (status) => {
    if (request.protocol === 'v2') {
      await stream.write(encodeShellPacket(ShellPacket.exit, Buffer.from([status & 0xff])));
    }
    stream.end();
  });
}

/** Runs the command (or each stdin line); an unexpected error prints and gives status 1. */
async function runSession(
  session: ShellSession,
  request: ShellRequest,
  io: CommandIo,
  lines: AsyncGenerator<string> | null,
): Promise<number> {
  try {
    if (!lines) return await session.run(request.command, io);
    let status = 0;
    for await (const line of lines) {
      if (line.trim() === 'exit') break;
      status = await session.run(line, io);
    }
    return status;
  } catch (error) {
    await io.err(`sh: ${(error as Error).message}\n`);
    return 1;
  }
}

function shellIo(stream: AdbStream, protocol: 'v2' | 'raw', signal: AbortSignal): CommandIo {
  const framed = (id: number) => (data: string | Buffer) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (bytes.length === 0) return Promise.resolve();
    return stream.write(protocol === 'v2' ? encodeShellPacket(id, bytes) : bytes);
  };
  return { out: framed(ShellPacket.stdout), err: framed(ShellPacket.stderr), signal, cwd: '/' };
}

/** Command lines typed on stdin, until stdin closes or the stream does. */
async function* stdinLines(stream: AdbStream, protocol: 'v2' | 'raw'): AsyncGenerator<string> {
  const parser = new ShellPacketParser();
  const pending: string[] = [];
  let partial = '';
  let done = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  stream.onClose(() => ((done = true), notify()));
  stream.onData((chunk) => {
    const packets =
      protocol === 'v2' ? parser.push(chunk) : [{ id: ShellPacket.stdin, data: chunk }];
    for (const packet of packets) {
      if (packet.id === ShellPacket.closeStdin) done = true;
      if (packet.id !== ShellPacket.stdin) continue;
      const text = partial + packet.data.toString('utf8');
      const parts = text.split(/\r?\n/);
      partial = parts.pop() ?? '';
      pending.push(...parts);
    }
    notify();
  });
  for (;;) {
    if (pending.length > 0) yield pending.shift()!;
    else if (done) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}
