/** Packet ids of the shell v2 protocol (AOSP shell_protocol.h). */
export const ShellPacket = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  exit: 3,
  closeStdin: 4,
  windowSizeChange: 5,
} as const;

/** A shell service request parsed from its OPEN name. */
export interface ShellRequest {
  /** `v2`: framed stdout/stderr/exit; `raw`: plain merged bytes, no exit status. */
  protocol: 'v2' | 'raw';
  /** The command line; empty for an interactive shell. */
  command: string;
}

/**
 * Parses `shell:cmd`, `shell,v2,raw:cmd`, `shell,TERM=xterm,v2,pty:` and `exec:cmd`. Returns null
 * for other services. Pure.
 */
export function parseShellService(name: string): ShellRequest | null {
  if (name.startsWith('exec:')) return { protocol: 'raw', command: name.slice(5) };
  const match = /^shell(,[^:]*)?:([\s\S]*)$/.exec(name);
  if (!match) return null;
  const args = (match[1] ?? '').split(',').filter(Boolean);
  return { protocol: args.includes('v2') ? 'v2' : 'raw', command: match[2]! };
}

/** One v2 packet: id byte, u32 LE length, data. Pure. */
export function encodeShellPacket(id: number, data: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(id, 0);
  header.writeUInt32LE(data.length, 1);
  return Buffer.concat([header, data]);
}

/** Incremental parser of v2 packets the host sends (stdin, close stdin, window size). */
export class ShellPacketParser {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds bytes, returns every complete packet. */
  push(chunk: Buffer): { id: number; data: Buffer }[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const packets: { id: number; data: Buffer }[] = [];
    while (this.buffer.length >= 5) {
      const length = this.buffer.readUInt32LE(1);
      if (this.buffer.length < 5 + length) break;
      packets.push({ id: this.buffer[0]!, data: this.buffer.subarray(5, 5 + length) });
      this.buffer = this.buffer.subarray(5 + length);
    }
    return packets;
  }
}
