import { createConnection, createServer, type Server } from 'node:net';
import { Command, PacketDecoder } from '../emulator/packet-codec';

/** A runner event line as it left the phone, stamped there (epoch ms, sub-ms resolution). */
export interface TappedLine {
  line: string;
  at: number;
}

/** Epoch ms with performance.now()'s resolution (the browser's clock reads the same way). */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * Per stream, the shell's stdout bytes: shell protocol v2 streams (5-byte id + length headers)
 * are unwrapped, raw `shell:` streams taken as they are; lines are split on '\n'.
 */
class StreamLines {
  #pending = Buffer.alloc(0);
  #v2: boolean | null = null;
  #text = '';

  push(data: Buffer): string[] {
    if (this.#v2 === null)
      this.#v2 = data.length >= 5 && data[0]! <= 3 && data.readUInt32LE(1) + 5 <= data.length;
    if (!this.#v2) return this.#lines(data.toString('utf8'));
    this.#pending = Buffer.concat([this.#pending, data]);
    const lines: string[] = [];
    while (this.#pending.length >= 5) {
      const length = this.#pending.readUInt32LE(1);
      if (this.#pending.length < 5 + length) break;
      const id = this.#pending[0];
      const body = this.#pending.subarray(5, 5 + length);
      this.#pending = this.#pending.subarray(5 + length);
      if (id === 1) lines.push(...this.#lines(body.toString('utf8')));
    }
    return lines;
  }

  #lines(text: string): string[] {
    const parts = (this.#text + text).split('\n');
    this.#text = parts.pop() ?? '';
    return parts;
  }
}

/**
 * A TCP hop in front of an emulated phone that adb connects to instead of the phone: bytes pass
 * through unchanged, and every runner JSON line (`{"ev":…}`) on the phone's side is stamped as its
 * WRTE packet leaves the phone, i.e. when the phone emitted it as far as the host can tell (the
 * runner writes to a pipe the emulator reads at once).
 */
export async function startAdbTap(phonePort: number): Promise<{
  port: number;
  lines: TappedLine[];
  close(): Promise<void>;
}> {
  const lines: TappedLine[] = [];
  const server: Server = createServer((fromAdb) => {
    const toPhone = createConnection({ host: '127.0.0.1', port: phonePort });
    const decoder = new PacketDecoder();
    const streams = new Map<number, StreamLines>();
    fromAdb.pipe(toPhone);
    toPhone.on('data', (chunk: Buffer) => {
      const at = preciseNow();
      fromAdb.write(chunk);
      for (const packet of decoder.push(chunk).packets) {
        if (packet.command === Command.CLSE) streams.delete(packet.arg0);
        if (packet.command !== Command.WRTE) continue;
        let stream = streams.get(packet.arg0);
        if (!stream) streams.set(packet.arg0, (stream = new StreamLines()));
        for (const line of stream.push(packet.data))
          if (line.startsWith('{"ev":')) lines.push({ line, at });
      }
    });
    const end = () => {
      fromAdb.destroy();
      toPhone.destroy();
    };
    fromAdb.on('close', end).on('error', end);
    toPhone.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, lines, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
