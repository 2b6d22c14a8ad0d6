import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elfAbi } from './phone-abi';

/** A 64-byte ELF header: class, data and machine set, the rest zero. */
function header(machine: number, elfClass = 2, data = 1): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, elfClass, data, 1]);
  bytes[18] = machine & 0xff;
  bytes[19] = machine >> 8;
  return bytes;
}

describe('ELF machine from the header bytes', () => {
  it('knows x86-64 and AArch64, and nothing else', () => {
    expect(elfAbi(header(62))).toBe('x86_64');
    expect(elfAbi(header(183))).toBe('arm64-v8a');
    expect(elfAbi(header(40))).toBe('other'); // 32-bit ARM
    expect(elfAbi(header(62, 1))).toBe('other'); // ELFCLASS32
    expect(elfAbi(header(183, 2, 2))).toBe('other'); // big-endian
  });

  it('is not-elf for scripts, short files and near misses', () => {
    expect(elfAbi(new TextEncoder().encode('#!/usr/bin/env node\n'))).toBe('not-elf');
    expect(elfAbi(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]))).toBe('not-elf');
    expect(elfAbi(header(62).map((byte, i) => (i === 3 ? 0x47 : byte)))).toBe('not-elf');
  });

  it('reads this Node binary as the host machine', () => {
    const machine =
      process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'arm64-v8a' : 'other';
    expect(elfAbi(readFileSync(process.execPath).subarray(0, 64))).toBe(machine);
  });
});
