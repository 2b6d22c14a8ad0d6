import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checksum,
  Command,
  commandName,
  encodePacket,
  headerSize,
  PacketDecoder,
} from './packet-codec';

describe('packet codec', () => {
  it('writes the 24-byte header with magic = command ^ 0xffffffff', () => {
    const bytes = encodePacket({ command: Command.OKAY, arg0: 7, arg1: 9, data: Buffer.alloc(0) });
    expect(bytes.length).toBe(headerSize);
    expect(bytes.readUInt32LE(0)).toBe(Command.OKAY);
    expect(bytes.readUInt32LE(4)).toBe(7);
    expect(bytes.readUInt32LE(8)).toBe(9);
    expect(bytes.readUInt32LE(20)).toBe((Command.OKAY ^ 0xffffffff) >>> 0);
    expect(commandName(Command.OKAY)).toBe('OKAY');
  });

  it('checksums only for old peers', () => {
    const data = Buffer.from([1, 2, 250]);
    expect(encodePacket({ command: Command.WRTE, arg0: 1, arg1: 2, data }).readUInt32LE(16)).toBe(
      0,
    );
    expect(
      encodePacket({ command: Command.WRTE, arg0: 1, arg1: 2, data }, true).readUInt32LE(16),
    ).toBe(checksum(data));
    expect(checksum(data)).toBe(253);
  });

  it('decodes packets split at any byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (payload, step) => {
          const data = Buffer.from(payload);
          const bytes = Buffer.concat([
            encodePacket({ command: Command.WRTE, arg0: 3, arg1: 4, data }),
            encodePacket({ command: Command.CLSE, arg0: 3, arg1: 4, data: Buffer.alloc(0) }),
          ]);
          const decoder = new PacketDecoder();
          const packets = [];
          for (let i = 0; i < bytes.length; i += step)
            packets.push(...decoder.push(bytes.subarray(i, i + step)).packets);
          expect(packets.map((packet) => packet.command)).toEqual([Command.WRTE, Command.CLSE]);
          expect(packets[0]!.data.equals(data)).toBe(true);
        },
      ),
    );
  });

  it('fails on bad magic, unknown commands and over-long payloads, and stays failed', () => {
    const good = encodePacket({ command: Command.OKAY, arg0: 1, arg1: 1, data: Buffer.alloc(0) });
    const badMagic = Buffer.from(good);
    badMagic.writeUInt32LE(0, 20);
    expect(new PacketDecoder().push(badMagic).error).toBe('bad-magic');
    const unknown = Buffer.from(good);
    unknown.writeUInt32LE(0x41414141, 0);
    unknown.writeUInt32LE((0x41414141 ^ 0xffffffff) >>> 0, 20);
    expect(new PacketDecoder().push(unknown).error).toBe('bad-command');
    const long = Buffer.from(good);
    long.writeUInt32LE(2048, 12);
    const decoder = new PacketDecoder(1024);
    expect(decoder.push(long).error).toBe('too-long');
    expect(decoder.push(good)).toEqual({ packets: [], error: 'too-long' });
  });
});
