import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { studioRoot } from '../core/paths';
import { tempDataDir } from '../core/testing';
import { runsFilterOf } from './runs-command';

const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
const data = tempDataDir();
afterAll(() => data.cleanup());

// No adb server answers here: a usage error must come before any phone is asked for.
function runBin(args: string[]) {
  return spawnSync(process.execPath, [bin, '--data', data.dir, '--adb', '127.0.0.1:1', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const model = ['--model', 'builtin:edge-infinite-tiny', '--device', 'emulator-5554'];

describe('edge-studio run options', () => {
  it.each([
    [['--chunk', 'x', '--sink', '4', '--window', '96'], '--chunk: chunk must be a number'],
    [['--chunk', '32', '--sink', '4', '--window', '96', '--memory', 'maybe'], '--memory: '],
    [['--chunk', '32', '--sink', '4', '--window', '96', '--quant', 'int3'], '--quant: '],
    [['--chunk', '32', '--sink', '4', '--window', '96', '--repeat', '0'], '--repeat: '],
  ])('refuses %j with one line naming the option and exit code 2', (args, message) => {
    const result = runBin(['run', ...model, ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(`^edge-studio: ${message.replace(/[-]/g, '\\-')}.*\\n$`),
    );
  });

  it('refuses a runs filter it cannot apply with exit code 2', () => {
    const result = runBin(['runs', '--limit', '0']);
    expect([result.status, result.stderr]).toEqual([
      2,
      'edge-studio: --limit must be a whole number from 1 to 10000, not "0"\n',
    ]);
    // --sweep reaches the filter: an id longer than the store takes is refused by its name.
    const sweep = runBin(['runs', '--sweep', 'x'.repeat(65)]);
    expect(sweep.status).toBe(2);
    expect(sweep.stderr).toMatch(/^edge-studio: --sweep: /);
  });
});

describe('runsFilterOf', () => {
  it('asks the store by key and canonical quant spec, and matches a bare serial itself', () => {
    const byKey = runsFilterOf({ device: 'h:5037/R5CT', quant: 'int4-g32', limit: '20' });
    expect(byKey).toEqual({
      filter: { device: 'h:5037/R5CT', quant: 'int4-g32:nbits', limit: 20 },
      serial: undefined,
      limit: 20,
    });
    const bySerial = runsFilterOf({ device: 'R5CT', state: 'failed', limit: '3' });
    expect(bySerial).toEqual({
      filter: { state: 'failed', limit: 10_000 },
      serial: 'R5CT',
      limit: 3,
    });
    expect(() => runsFilterOf({ state: 'done', limit: '3' })).toThrow(/^--state: /);
    expect(() => runsFilterOf({ quant: 'int3', limit: '3' })).toThrow(/^--quant: /);
  });

  it("asks the store for one sweep's runs, with the other filters", () => {
    const bySweep = runsFilterOf({ sweep: 'sw_1', state: 'finished', limit: '7' });
    expect(bySweep.filter).toEqual({ sweepId: 'sw_1', state: 'finished', limit: 7 });
    expect(runsFilterOf({ limit: '7' }).filter.sweepId).toBeUndefined();
    expect(() => runsFilterOf({ sweep: 'x'.repeat(65), limit: '3' })).toThrow(/^--sweep: /);
  });
});
