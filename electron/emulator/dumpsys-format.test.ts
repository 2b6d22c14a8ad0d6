import { describe, expect, it } from 'vitest';
import {
  formatBattery,
  formatMeminfo,
  formatThermalService,
  memoryFromSmapsRollup,
  parseKbFields,
} from './dumpsys-format';
import { parseShellService, ShellPacketParser, encodeShellPacket } from './shell-protocol';

const rollup = `55d0c0000000-7ffd4a3f2000 ---p 00000000 00:00 0   [rollup]
Rss:               51200 kB
Pss:               40960 kB
Pss_Anon:          30720 kB
Pss_File:          10240 kB
Private_Clean:      4096 kB
Private_Dirty:     30000 kB
SwapPss:             128 kB
`;

describe('dumpsys formatting', () => {
  it('parses kB fields of /proc files', () => {
    expect(parseKbFields('VmHWM:\t  1234 kB\nVmRSS:\t   99 kB\nName:\tnode')).toEqual({
      VmHWM: 1234,
      VmRSS: 99,
    });
  });

  it('formats meminfo with the header and App Summary totals', () => {
    const text = formatMeminfo(4242, 'edge-runner', memoryFromSmapsRollup(rollup), 1000);
    expect(text).toContain('** MEMINFO in pid 4242 [edge-runner] **');
    expect(text).toMatch(/TOTAL PSS:\s+40960\s+TOTAL RSS:\s+51200\s+TOTAL SWAP \(KB\):\s+128/);
  });

  it('formats battery and thermalservice as Android does', () => {
    const battery = formatBattery({
      level: 85,
      charger: 'ac',
      temperatureTenths: 285,
      voltageMv: 4182,
    });
    expect(battery.startsWith('Current Battery Service state:\n  AC powered: true\n')).toBe(true);
    expect(battery).toContain('  level: 85\n  scale: 100\n  voltage: 4182\n  temperature: 285\n');
    const thermal = formatThermalService(2, [{ name: 'cpu-0-0', celsius: 44.25 }], false, 4182);
    expect(thermal).toContain('Thermal Status: 2\n');
    expect(thermal).toContain('Temperature{mValue=44.3, mType=0, mName=cpu-0-0, mStatus=2}');
    expect(thermal).toContain('Temperature{mValue=4.182, mType=6, mName=vbat, mStatus=0}');
  });
});

describe('shell protocol', () => {
  it('parses shell service names', () => {
    expect(parseShellService('shell,v2,raw:getprop')).toEqual({
      protocol: 'v2',
      command: 'getprop',
    });
    expect(parseShellService('shell:ls')).toEqual({ protocol: 'raw', command: 'ls' });
    expect(parseShellService('shell,TERM=xterm,v2,pty:')).toEqual({ protocol: 'v2', command: '' });
    expect(parseShellService('exec:cat x')).toEqual({ protocol: 'raw', command: 'cat x' });
    expect(parseShellService('reboot:')).toBeNull();
  });

  it('frames v2 packets', () => {
    const bytes = Buffer.concat([
      encodeShellPacket(0, Buffer.from('ls\n')),
      encodeShellPacket(4, Buffer.alloc(0)),
    ]);
    const parser = new ShellPacketParser();
    expect([...parser.push(bytes.subarray(0, 6)), ...parser.push(bytes.subarray(6))]).toEqual([
      { id: 0, data: Buffer.from('ls\n') },
      { id: 4, data: Buffer.alloc(0) },
    ]);
  });
});
