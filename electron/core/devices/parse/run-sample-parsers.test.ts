import { describe, expect, it } from 'vitest';
import { parseCpuList } from './cpu-list';
import { parseHeadFiles } from './head-files';
import { parseBatteryPower } from './power-supply';
import { parsePs } from './ps';

describe('parseHeadFiles', () => {
  const paths = ['/proc/42/status', '/proc/42/smaps_rollup', '/sys/x/cpu0', '/sys/x/cpu1'];

  it('splits toybox head output of several files by their headers', () => {
    const text =
      '==> /proc/42/status <==\nName:\trunner\nVmRSS:\t  100 kB\n\n' +
      '==> /sys/x/cpu0 <==\n1800000\n\n==> /sys/x/cpu1 <==\n300000\n';
    const files = parseHeadFiles(text, paths);
    expect(files.get('/proc/42/status')).toBe('Name:\trunner\nVmRSS:\t  100 kB\n');
    expect(files.has('/proc/42/smaps_rollup')).toBe(false);
    expect(files.get('/sys/x/cpu0')).toBe('1800000\n');
    expect(files.get('/sys/x/cpu1')).toBe('300000\n');
  });

  it('ignores headers of paths it did not ask for, and reads one file without a header', () => {
    const text = '==> /sys/x/cpu0 <==\n==> /other <==\n5\n';
    expect(parseHeadFiles(text, paths).get('/sys/x/cpu0')).toBe('==> /other <==\n5\n');
    expect(parseHeadFiles('0-7\n', ['/present']).get('/present')).toBe('0-7\n');
    expect(parseHeadFiles('', ['/present']).size).toBe(0);
    expect(parseHeadFiles('==> /sys/x/cpu0 <==\r\n7\r\n', paths).get('/sys/x/cpu0')).toBe('7\r\n');
  });
});

describe('parseCpuList', () => {
  it('reads kernel CPU lists', () => {
    expect(parseCpuList('0-7\n')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(parseCpuList('0-1,4,6-7')).toEqual([0, 1, 4, 6, 7]);
    expect(parseCpuList('0')).toEqual([0]);
    expect(parseCpuList('')).toBeNull();
    expect(parseCpuList('3-1')).toBeNull();
    expect(parseCpuList('cpu0')).toBeNull();
  });
});

describe('parseBatteryPower', () => {
  it('turns the kernel sign (negative = discharging) into positive = discharging', () => {
    expect(parseBatteryPower('-452000\n', '3870000\n', 'Discharging\n')).toEqual({
      currentUa: 452000,
      voltageUv: 3870000,
    });
    expect(parseBatteryPower('-452000', '3870000', 'Charging')).toEqual({
      currentUa: 452000,
      voltageUv: 3870000,
    });
    expect(parseBatteryPower('1200000', '4300000', 'Charging')?.currentUa).toBe(-1200000);
  });

  it('reads a vendor reporting positive while discharging by its status', () => {
    expect(parseBatteryPower('610000', '3900000', 'Discharging')?.currentUa).toBe(610000);
  });

  it('takes a small voltage as mV, and is null without both numbers', () => {
    expect(parseBatteryPower('-300000', '3850', 'Discharging')?.voltageUv).toBe(3_850_000);
    expect(parseBatteryPower(undefined, '3850000')).toBeNull();
    expect(parseBatteryPower('n/a', '3850000')).toBeNull();
    expect(parseBatteryPower('0', '3850000', 'Full')?.currentUa).toBe(0);
  });
});

describe('parsePs', () => {
  it('reads toybox ps -A rows by the header', () => {
    const text = [
      'USER           PID  PPID        VSZ    RSS WCHAN            ADDR S NAME',
      'root             1     0   10914272  11748 do_epoll_wait       0 S init',
      'shell        12345  1400    2250000 181000 0                   0 R ld-linux-x86-64.so.2',
      'u0_a123      23456   700   16000000 120000 0                   0 S com.android.chrome:sandboxed_process0',
      'garbage',
      '',
    ].join('\n');
    expect(parsePs(text)).toEqual([
      { user: 'root', pid: 1, ppid: 0, rssKb: 11748, name: 'init' },
      { user: 'shell', pid: 12345, ppid: 1400, rssKb: 181000, name: 'ld-linux-x86-64.so.2' },
      {
        user: 'u0_a123',
        pid: 23456,
        ppid: 700,
        rssKb: 120000,
        name: 'com.android.chrome:sandboxed_process0',
      },
    ]);
    expect(parsePs('PID TTY TIME CMD\n')).toEqual([]);
  });
});
