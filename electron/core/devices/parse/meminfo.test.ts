import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/read-fixture';
import { parseMeminfo } from './meminfo';

describe('/proc/meminfo on real captures (fixtures/SOURCES.md)', () => {
  it.each([
    ['meminfo-arm64-goadb.txt', 3681628, 2243756],
    ['meminfo-honor.txt', 6291456, 3452580],
    // Kernels before 3.14 (Android 4): no MemAvailable, so MemFree + Buffers + Cached.
    ['meminfo-tf201.txt', 1008528, 130932 + 39992 + 282852],
    ['meminfo-early-emulator.txt', 94096, 1684 + 16 + 27160],
    ['meminfo-tcl-tv.txt', 518440, 176252 + 7832 + 129456],
    // Indented, as the kernel's proc.rst prints it.
    ['meminfo-kernel-rst.txt', 32858820, 27214312],
    ['meminfo-linux.txt', 16268680, 8366284],
  ])('%s', (name, totalKb, availableKb) => {
    expect(parseMeminfo(fixture(name))).toEqual({ totalKb, availableKb });
  });
});
