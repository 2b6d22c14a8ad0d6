import { maxPayload } from './packet-codec';

/** What a stream sends through its connection. */
export interface StreamLink {
  sendWrite(localId: number, remoteId: number, data: Buffer): void;
  sendClose(localId: number, remoteId: number): void;
  /** The negotiated maximum payload of one WRTE. */
  readonly maxData: number;
}

/** How a service consumes what the host writes; the host gets OKAY once it resolves. */
export type DataHandler = (chunk: Buffer) => void | Promise<void>;

const highWater = 4 * maxPayload;

/**
 * One ADB stream (OPEN … CLSE) seen from the device: outgoing bytes go out as WRTE packets, one
 * in flight until the host OKAYs it; incoming WRTE are handed to the service, then OKAYed.
 */
export class AdbStream {
  private queue: Buffer[] = [];
  private queued = 0;
  private inFlight = false;
  private ending = false;
  private waiters: (() => void)[] = [];
  private closeHandlers: (() => void)[] = [];
  private dataHandler: DataHandler = () => undefined;
  /** True once either side closed it. */
  closed = false;

  constructor(
    readonly localId: number,
    readonly remoteId: number,
    private readonly link: StreamLink,
  ) {}

  /** Sets who receives the host's bytes. */
  onData(handler: DataHandler): void {
    this.dataHandler = handler;
  }

  /** Called once, when the stream closes from either side. */
  onClose(handler: () => void): void {
    this.closeHandlers.push(handler);
  }

  /** Queues bytes for the host; resolves when the queue is below its high-water mark. */
  write(data: Buffer | string): Promise<void> {
    if (this.closed || this.ending) return Promise.resolve();
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (bytes.length === 0) return Promise.resolve();
    this.queue.push(bytes);
    this.queued += bytes.length;
    this.pump();
    if (this.queued < highWater) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sends CLSE once everything queued has been acknowledged. */
  end(): void {
    if (this.closed || this.ending) return;
    this.ending = true;
    this.pump();
  }

  /** The host acknowledged our last WRTE. */
  acknowledged(): void {
    this.inFlight = false;
    this.pump();
  }

  /** The host wrote to us; resolves when the service took it (then we OKAY). */
  async received(chunk: Buffer): Promise<void> {
    await this.dataHandler(chunk);
  }

  /** The host closed the stream, or the connection went away. */
  closedByPeer(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.queued = 0;
    this.release();
    for (const handler of this.closeHandlers) handler();
  }

  private pump(): void {
    if (this.closed || this.inFlight) return;
    if (this.queued > 0) {
      const packet = this.takePayload(this.link.maxData);
      this.inFlight = true;
      this.link.sendWrite(this.localId, this.remoteId, packet);
      if (this.queued < highWater) this.release();
      return;
    }
    if (this.ending) {
      this.link.sendClose(this.localId, this.remoteId);
      this.closedByPeer();
    }
  }

  private takePayload(limit: number): Buffer {
    const parts: Buffer[] = [];
    let size = 0;
    while (this.queue.length > 0 && size < limit) {
      const head = this.queue[0]!;
      const room = limit - size;
      if (head.length <= room) {
        parts.push(head);
        size += head.length;
        this.queue.shift();
      } else {
        parts.push(head.subarray(0, room));
        this.queue[0] = head.subarray(room);
        size += room;
      }
    }
    this.queued -= size;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
