import { connect, type Socket } from 'node:net';
import {
  Command,
  encodePacket,
  PacketDecoder,
  versionCurrent,
  maxPayload,
  type Packet,
} from './packet-codec';

/** A raw device-protocol client for tests: sends packets, waits for the ones it expects. */
export class RawAdbClient {
  private readonly decoder = new PacketDecoder();
  private readonly received: Packet[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received.push(...this.decoder.push(chunk).packets);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Connects and completes the CNXN handshake; returns the client and the phone's banner. */
  static async open(port: number): Promise<{ client: RawAdbClient; banner: string }> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const client = new RawAdbClient(socket);
    client.send(Command.CNXN, versionCurrent, maxPayload, Buffer.from('host::features=shell_v2\0'));
    const reply = await client.next();
    return { client, banner: reply.data.toString() };
  }

  send(command: number, arg0: number, arg1: number, data = Buffer.alloc(0)): void {
    this.socket.write(encodePacket({ command, arg0, arg1, data }));
  }

  /** The next packet from the phone (in order). */
  async next(): Promise<Packet> {
    while (this.received.length === 0)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.received.shift()!;
  }

  /** Opens a stream and returns the phone's answer (OKAY or CLSE). */
  async open(localId: number, service: string): Promise<Packet> {
    this.send(Command.OPEN, localId, 0, Buffer.from(`${service}\0`));
    return this.next();
  }

  /** Reads a stream to its CLSE, OKAYing every WRTE; returns what was written. */
  async readToClose(localId: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const packet = await this.next();
      if (packet.command === Command.CLSE) return Buffer.concat(parts);
      if (packet.command !== Command.WRTE) continue;
      parts.push(packet.data);
      this.send(Command.OKAY, localId, packet.arg0);
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
