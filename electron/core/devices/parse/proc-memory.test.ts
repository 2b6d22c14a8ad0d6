import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/read-fixture';
import { parseProcessMemory } from './proc-memory';

describe('process memory', () => {
  it('reads the kernel documentation example of /proc/PID/status', () => {
    expect(parseProcessMemory(fixture('proc-status-bash.txt'))).toEqual({
      vmRssKb: 13484,
      vmHwmKb: 13484,
      rssAnonKb: 10264,
      rssFileKb: 3220,
      pssKb: null,
    });
  });

  it.each([
    // An Android app (AOSP's own test of ProcfsMemoryUtil): tab after the colon, then padding.
    [
      'proc-status-youtube.txt',
      { vmRssKb: 126776, vmHwmKb: 137668, rssAnonKb: 37860, rssFileKb: 88764 },
    ],
    // The kernel's proc.rst and the proc(5) man page, indented as they print it.
    ['proc-status-kernel-rst.txt', { vmRssKb: 476, vmHwmKb: 476, rssAnonKb: 352, rssFileKb: 120 }],
    [
      'proc-status-man-page.txt',
      { vmRssKb: 13484, vmHwmKb: 13484, rssAnonKb: 10264, rssFileKb: 3220 },
    ],
  ])('reads %s', (name, memory) => {
    expect(parseProcessMemory(fixture(name))).toEqual({ ...memory, pssKb: null });
  });

  it('reads Pss from an indented smaps block (proc.rst)', () => {
    const memory = parseProcessMemory(
      fixture('proc-status-kernel-rst.txt'),
      fixture('smaps-kernel-rst.txt'),
    );
    expect(memory?.pssKb).toBe(374);
  });

  it('tolerates CRLF and leading whitespace', () => {
    expect(parseProcessMemory(' VmHWM:\t 20 kB\r\n  VmRSS:\t 10 kB\r\n')).toMatchObject({
      vmRssKb: 10,
      vmHwmKb: 20,
    });
  });

  it('adds Pss from smaps_rollup and refuses a status without VmRSS', () => {
    const rollup = '00400000-ffffffff ---p 00000000 00:00 0 [rollup]\nRss:  900 kB\nPss:  700 kB\n';
    expect(parseProcessMemory('VmRSS:  900 kB\n', rollup)?.pssKb).toBe(700);
    expect(parseProcessMemory('Name:\tkthreadd\n')).toBeNull();
  });
});
