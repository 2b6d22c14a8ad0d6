import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProcessMemory } from './proc-memory';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

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

  it('adds Pss from smaps_rollup and refuses a status without VmRSS', () => {
    const rollup = '00400000-ffffffff ---p 00000000 00:00 0 [rollup]\nRss:  900 kB\nPss:  700 kB\n';
    expect(parseProcessMemory('VmRSS:  900 kB\n', rollup)?.pssKb).toBe(700);
    expect(parseProcessMemory('Name:\tkthreadd\n')).toBeNull();
  });
});
