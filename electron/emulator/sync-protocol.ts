/**
 * The `sync:` protocol (AOSP file_sync_protocol.h): requests are id[4] + u32 LE + payload, except
 * DONE (u32 = mtime) and QUIT, which carry no payload. Pure encoders and an incremental parser.
 */

/** One host request of a sync session. */
export interface SyncRequest {
  id: string;
  /** The length field: payload length, or the mtime of DONE. */
  value: number;
  payload: Buffer;
}

/** Longest path a sync request may name. */
export const maxSyncPath = 1024;
/** Largest DATA chunk allowed in either direction. */
export const maxSyncData = 64 * 1024;

const bodyless = new Set(['DONE', 'QUIT']);
const known = new Set(['STAT', 'LIST', 'SEND', 'RECV', 'DATA', 'DONE', 'QUIT']);

/** Incremental request parser; `error` is set for an unknown id or an over-long payload. */
export class SyncRequestParser {
  private buffer: Buffer = Buffer.alloc(0);
  error: string | null = null;

  /** Adds bytes, returns every complete request. */
  push(chunk: Buffer): SyncRequest[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const requests: SyncRequest[] = [];
    let offset = 0;
    while (!this.error && this.buffer.length - offset >= 8) {
      const id = this.buffer.toString('latin1', offset, offset + 4);
      const value = this.buffer.readUInt32LE(offset + 4);
      if (!known.has(id)) this.error = `unknown sync request ${JSON.stringify(id)}`;
      else if (!bodyless.has(id) && value > maxSyncData) this.error = `${id} too long: ${value}`;
      if (this.error) break;
      const size = bodyless.has(id) ? 0 : value;
      if (this.buffer.length - offset < 8 + size) break;
      const payload = this.buffer.subarray(offset + 8, offset + 8 + size);
      requests.push({ id, value, payload });
      offset += 8 + size;
    }
    this.buffer = this.buffer.subarray(offset);
    return requests;
  }
}

function header(id: string, ...values: number[]): Buffer {
  const bytes = Buffer.alloc(4 + 4 * values.length);
  bytes.write(id, 0, 'latin1');
  values.forEach((value, index) => bytes.writeUInt32LE(value >>> 0, 4 + 4 * index));
  return bytes;
}

/** File facts as STAT and DENT carry them. */
export interface SyncStat {
  mode: number;
  size: number;
  mtime: number;
}

/** `STAT mode size mtime` (zeros when the path does not exist). */
export function encodeStat(stat: SyncStat | null): Buffer {
  return header('STAT', stat?.mode ?? 0, stat?.size ?? 0, stat?.mtime ?? 0);
}

/** One LIST entry. */
export function encodeDent(name: string, stat: SyncStat): Buffer {
  const nameBytes = Buffer.from(name);
  return Buffer.concat([
    header('DENT', stat.mode, stat.size, stat.mtime, nameBytes.length),
    nameBytes,
  ]);
}

/** End of a LIST. */
export function encodeListDone(): Buffer {
  return header('DONE', 0, 0, 0, 0);
}

/** A DATA chunk of RECV. */
export function encodeData(data: Buffer): Buffer {
  return Buffer.concat([header('DATA', data.length), data]);
}

/** End of RECV. */
export function encodeDone(): Buffer {
  return header('DONE', 0);
}

/** SEND succeeded. */
export function encodeOkay(): Buffer {
  return header('OKAY', 0);
}

/** A failure with its message. */
export function encodeFail(message: string): Buffer {
  const text = Buffer.from(message);
  return Buffer.concat([header('FAIL', text.length), text]);
}

/** Splits SEND's `path,mode` at the last comma (paths may contain commas). */
export function parseSendTarget(spec: string): { path: string; mode: number } {
  const comma = spec.lastIndexOf(',');
  if (comma < 0) return { path: spec, mode: 0o100644 };
  const mode = Number.parseInt(spec.slice(comma + 1), 10);
  return { path: spec.slice(0, comma), mode: Number.isFinite(mode) ? mode : 0o100644 };
}
