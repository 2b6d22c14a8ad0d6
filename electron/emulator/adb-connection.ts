import type { Socket } from 'node:net';
import { AdbStream, type StreamLink } from './adb-stream';
import {
  Command,
  encodePacket,
  maxConnectPayload,
  maxPayload,
  PacketDecoder,
  versionCurrent,
  versionMin,
  type Packet,
} from './packet-codec';
import type { LinkShaper } from './link-shaper';

/** Finds the service named in an OPEN: a starter for the new stream, or null to refuse it. */
export type ServiceOpener = (name: string) => ((stream: AdbStream) => void) | null;

/** What a connection needs from its phone. */
export interface ConnectionOptions {
  banner: () => string;
  open: ServiceOpener;
  shaper: LinkShaper;
  /** The link crossed its drop threshold: the phone drops every connection. */
  onDropThreshold: () => void;
  log?: (message: string) => void;
}

/**
 * One transport connection from an adb server, speaking the device side: CNXN is answered at once
 * (no AUTH), then streams. A malformed packet destroys this socket only.
 */
export class AdbConnection implements StreamLink {
  private readonly decoder = new PacketDecoder(maxPayload);
  private readonly streams = new Map<number, AdbStream>();
  private nextLocalId = 1;
  private version = versionCurrent;
  private sendChain: Promise<void> = Promise.resolve();
  private delayedSends = 0;
  private resumeAt = 0;
  private resumeTimer: NodeJS.Timeout | null = null;
  private receiveChain: Promise<void> = Promise.resolve();
  maxData = maxPayload;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onBytes(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.closeAllStreams());
  }

  /** Closes the socket at once (fault injection, shutdown). */
  destroy(): void {
    this.socket.destroy();
  }

  sendWrite(localId: number, remoteId: number, data: Buffer): void {
    this.send({ command: Command.WRTE, arg0: localId, arg1: remoteId, data });
  }

  sendClose(localId: number, remoteId: number): void {
    this.streams.delete(localId);
    this.send({ command: Command.CLSE, arg0: localId, arg1: remoteId, data: Buffer.alloc(0) });
  }

  private onBytes(chunk: Buffer): void {
    if (!this.options.shaper.count(chunk.length)) return this.options.onDropThreshold();
    this.holdInput(this.options.shaper.delayFor('in', chunk.length));
    const { packets, error } = this.decoder.push(chunk);
    for (const packet of packets) {
      this.receiveChain = this.receiveChain
        .then(() => this.handle(packet))
        .catch((error: unknown) => this.fault(error));
    }
    if (error) {
      this.options.log?.(`closing connection: ${error}`);
      this.socket.destroy();
    }
  }

  /** Pauses reading for `delay` ms (bandwidth cap); one timer, extended when needed. */
  private holdInput(delay: number): void {
    if (delay <= 0) return;
    this.resumeAt = Math.max(this.resumeAt, Date.now() + delay);
    if (this.resumeTimer) return;
    this.socket.pause();
    const wake = () => {
      const left = this.resumeAt - Date.now();
      if (left > 0) return void (this.resumeTimer = setTimeout(wake, left));
      this.resumeTimer = null;
      this.socket.resume();
    };
    this.resumeTimer = setTimeout(wake, delay);
  }

  private async handle(packet: Packet): Promise<void> {
    if (this.socket.destroyed) return;
    switch (packet.command) {
      case Command.CNXN:
        return this.onConnect(packet);
      case Command.OPEN:
        return this.onOpen(packet);
      case Command.OKAY:
        return this.streams.get(packet.arg1)?.acknowledged();
      case Command.WRTE:
        return this.onWrite(packet);
      case Command.CLSE:
        return this.onClose(packet);
      default:
        // AUTH is never asked for; STLS (TLS) is not offered, so either is a protocol error.
        this.socket.destroy();
    }
  }

  private onConnect(packet: Packet): void {
    // Hosts never offer less than the v1 payload (4 KiB); less is malformed.
    if (packet.arg0 < versionMin || packet.arg1 < 4096 || packet.data.length > maxConnectPayload) {
      this.socket.destroy();
      return;
    }
    this.version = Math.min(packet.arg0, versionCurrent);
    this.maxData = Math.min(packet.arg1, maxPayload);
    this.decoder.limit = this.maxData;
    const banner = Buffer.from(this.options.banner());
    this.send({ command: Command.CNXN, arg0: this.version, arg1: maxPayload, data: banner });
  }

  private onOpen(packet: Packet): void {
    const name = packet.data.toString('utf8').replace(/\0+$/, '');
    const start = this.options.open(name);
    const empty = Buffer.alloc(0);
    if (!start) {
      this.options.log?.(`refused service "${name}"`);
      this.send({ command: Command.CLSE, arg0: 0, arg1: packet.arg0, data: empty });
      return;
    }
    const stream = new AdbStream(this.nextLocalId++, packet.arg0, this);
    this.streams.set(stream.localId, stream);
    stream.onClose(() => this.streams.delete(stream.localId));
    this.send({ command: Command.OKAY, arg0: stream.localId, arg1: packet.arg0, data: empty });
    start(stream);
  }

  private async onWrite(packet: Packet): Promise<void> {
    const stream = this.streams.get(packet.arg1);
    if (!stream) return;
    const okay = { command: Command.OKAY, arg0: stream.localId, arg1: packet.arg0 };
    // The host sends the next WRTE only after this OKAY: that is the flow control.
    void stream.received(packet.data).then(
      () => {
        if (!stream.closed) this.send({ ...okay, data: Buffer.alloc(0) });
      },
      (error: unknown) => {
        // A service failed unexpectedly: close its stream, keep the connection.
        this.options.log?.(`stream ${stream.localId} failed: ${(error as Error).message}`);
        stream.end();
      },
    );
  }

  /** A bug while handling a packet: log it and drop this connection only. */
  private fault(error: unknown): void {
    this.options.log?.(`closing connection: ${(error as Error).message}`);
    this.socket.destroy();
  }

  private onClose(packet: Packet): void {
    const stream = this.streams.get(packet.arg1);
    if (!stream) return;
    this.streams.delete(packet.arg1);
    stream.closedByPeer();
  }

  private send(packet: Packet): void {
    if (this.socket.destroyed) return;
    const bytes = encodePacket(packet, this.version < versionCurrent);
    if (!this.options.shaper.count(bytes.length)) return this.options.onDropThreshold();
    const delay = this.options.shaper.delayFor('out', bytes.length);
    if (delay <= 0 && this.delayedSends === 0) {
      this.socket.write(bytes);
      return;
    }
    // Keep packet order: each waits for the one before it, then for its own due time.
    const dueAt = Date.now() + delay;
    this.delayedSends++;
    this.sendChain = this.sendChain.then(async () => {
      const wait = dueAt - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.delayedSends--;
      if (!this.socket.destroyed) this.socket.write(bytes);
    });
  }

  private closeAllStreams(): void {
    for (const stream of this.streams.values()) stream.closedByPeer();
    this.streams.clear();
  }
}
