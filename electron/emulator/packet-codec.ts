/**
 * The ADB transport packet: a 24-byte header of six little-endian uint32 (command, arg0, arg1,
 * data length, data check, magic) followed by the payload. Pure: no sockets here.
 */

/** Command words, as the host and adbd write them (AOSP adb.h). */
export const Command = {
  CNXN: 0x4e584e43,
  AUTH: 0x48545541,
  OPEN: 0x4e45504f,
  OKAY: 0x59414b4f,
  CLSE: 0x45534c43,
  WRTE: 0x45545257,
  STLS: 0x534c5453,
} as const;

/** Bytes of the packet header. */
export const headerSize = 24;
/** The oldest protocol version, which still checksums payloads. */
export const versionMin = 0x01000000;
/** The version adbd speaks since Android 9: no payload checksum. */
export const versionCurrent = 0x01000001;
/** adbd's MAX_PAYLOAD since Android 9 (older docs say 256 KiB). */
export const maxPayload = 1024 * 1024;
/** CNXN and AUTH payloads must fit here whatever was negotiated. */
export const maxConnectPayload = 4096;

/** One decoded packet. */
export interface Packet {
  command: number;
  arg0: number;
  arg1: number;
  data: Buffer;
}

/** Why a byte stream stopped being a valid packet stream. */
export type DecodeError = 'bad-magic' | 'too-long' | 'bad-command';

const knownCommands = new Set<number>(Object.values(Command));

/** Sum of the payload bytes, as data_check before version 0x01000001. */
export function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  return sum >>> 0;
}

/** Four-letter name of a command word, for logs and errors. */
export function commandName(command: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(command >>> 0);
  return bytes.toString('latin1');
}

/** Encodes a packet; `withChecksum` for peers older than 0x01000001. */
export function encodePacket(packet: Packet, withChecksum = false): Buffer {
  const header = Buffer.alloc(headerSize);
  header.writeUInt32LE(packet.command >>> 0, 0);
  header.writeUInt32LE(packet.arg0 >>> 0, 4);
  header.writeUInt32LE(packet.arg1 >>> 0, 8);
  header.writeUInt32LE(packet.data.length, 12);
  header.writeUInt32LE(withChecksum ? checksum(packet.data) : 0, 16);
  header.writeUInt32LE((packet.command ^ 0xffffffff) >>> 0, 20);
  return packet.data.length > 0 ? Buffer.concat([header, packet.data]) : header;
}

/**
 * Incremental decoder: feed socket chunks, take whole packets. Once it reports an error it stays
 * failed; the connection is then closed (only that one).
 */
export class PacketDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private failure: DecodeError | null = null;

  /** @param limit the largest payload accepted (the negotiated maximum). */
  constructor(public limit: number = maxPayload) {}

  /** Adds bytes and returns every packet now complete, or the first error. */
  push(chunk: Buffer): { packets: Packet[]; error: DecodeError | null } {
    const packets: Packet[] = [];
    if (this.failure) return { packets, error: this.failure };
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      const next = this.next();
      if (next === null) break;
      if (typeof next === 'string') {
        this.failure = next;
        break;
      }
      packets.push(next);
    }
    return { packets, error: this.failure };
  }

  private next(): Packet | DecodeError | null {
    if (this.buffered < headerSize) return null;
    const header = this.peek(headerSize);
    const command = header.readUInt32LE(0);
    const length = header.readUInt32LE(12);
    if ((command ^ 0xffffffff) >>> 0 !== header.readUInt32LE(20)) return 'bad-magic';
    if (!knownCommands.has(command)) return 'bad-command';
    if (length > this.limit) return 'too-long';
    if (this.buffered < headerSize + length) return null;
    const whole = this.take(headerSize + length);
    return {
      command,
      arg0: header.readUInt32LE(4),
      arg1: header.readUInt32LE(8),
      data: whole.subarray(headerSize),
    };
  }

  private peek(size: number): Buffer {
    if (this.chunks[0]!.length < size) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, size);
  }

  private take(size: number): Buffer {
    const first = this.peek(size);
    const head = this.chunks[0]!;
    if (head.length === size) this.chunks.shift();
    else this.chunks[0] = head.subarray(size);
    this.buffered -= size;
    return first;
  }
}
