import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleFarm, sampleVitals } from '../../shared/testing/sample-devices';
import { studioRoot } from '../core/paths';
import { tempDataDir } from '../core/testing';
import { formatSample, sampleRequestOf } from './devices-sample-command';

const [first] = sampleFarm.devices;
const sample = sampleVitals(first!.key, 4);
const data = tempDataDir();
afterAll(() => data.cleanup());

describe('devices sample', () => {
  it('prints a sample on one line', () => {
    expect(formatSample(sample)).toBe('4.0 s  thermal light  hottest 42.0 °C  battery 80% 31 °C');
    const memory = { vmRssKb: 2048, vmHwmKb: 4096, rssAnonKb: 1024, rssFileKb: 1024, pssKb: null };
    expect(formatSample({ ...sample, pid: 7, sample: { ...sample.sample, memory } })).toContain(
      'pid 7: RSS 2.0 MiB HWM 4.0 MiB anon 1.0 MiB file 1.0 MiB PSS ?',
    );
  });

  it("checks its options with device:watch's schema, naming the option", () => {
    expect(sampleRequestOf({ interval: '250', pid: '7', count: '3' })).toEqual({
      intervalMs: 250,
      pid: 7,
      count: 3,
    });
    expect(() => sampleRequestOf({ interval: '50' })).toThrow(/^--interval: Too small/);
    expect(() => sampleRequestOf({ interval: '1000', pid: 'abc' })).toThrow(/^--pid: /);
    expect(() => sampleRequestOf({ interval: '1000', count: '0' })).toThrow(/^--count: /);
  });

  it('refuses --interval 50 with the schema message and exit code 2, before asking adb', () => {
    const bin = `${studioRoot()}/electron/cli/edge-studio.mjs`;
    // Nothing listens on port 1: were the farm asked, the command would fail (exit 1) instead.
    const args = ['--data', data.dir, '--adb', '127.0.0.1:1', 'devices', 'sample'];
    const result = spawnSync(process.execPath, [bin, ...args, '--interval', '50'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('edge-studio: --interval: Too small: expected number to be >=200\n');
    expect(result.status).toBe(2);
  });
});
