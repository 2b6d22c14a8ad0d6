import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../emulator/emulated-phone';
import { readDeviceDetails } from './device-details';
import { acquireLease } from './lease/device-lease';
import { cachedPush } from './push/cached-push';
import { surveyCache } from './push/cache-survey';
import { readSample } from './sampling/device-sampler';
import { phoneDevice } from './shell/testing-shell';

const phone = new EmulatedPhone();
const work = mkdtempSync(join(tmpdir(), 'edge-studio-replay-'));
afterAll(async () => {
  await phone.stop();
  rmSync(work, { recursive: true, force: true });
});

/**
 * Every shell line the device layer emits (details, sampling, cached push with verify and
 * eviction check, the cache survey, lease take/renew/release) is replayed on an emulated phone:
 * each must parse, name a command the emulator has, and reach the exit marker — so the emulator
 * and the device layer cannot drift apart.
 */
describe('replaying the device layer on the emulator', () => {
  it('runs every command line it emits', async () => {
    const lines: string[] = [];
    const device = phoneDevice(phone, lines);
    await readDeviceDetails(device, 'k');
    await readSample(device, 1, 0);
    const file = join(work, 'artifact.bin');
    writeFileSync(file, 'weights');
    expect((await cachedPush(device, file)).ok).toBe(true);
    const again = await cachedPush(device, file);
    expect(again.ok && again.value.skipped).toBe(true);
    const survey = await surveyCache(device, [file], ['/data/local/tmp']);
    expect(survey.ok && survey.value.files[0]!.cached).toBe(true);
    const lease = await acquireLease(device, { owner: 'replay' });
    expect(lease.ok).toBe(true);
    expect((await acquireLease(device, { owner: 'second' })).ok).toBe(false);
    if (lease.ok) await lease.value.release();
    const programs = new Set(lines.map((line) => /^'([^']+)'/.exec(line)?.[1]));
    expect([...programs].sort()).toEqual(
      ['cat', 'df', 'dumpsys', 'getprop', 'ls', 'mv', 'rm', 'sh', 'sha256sum', 'touch'].sort(),
    );
    for (const line of lines) {
      const { stdout, stderr } = await phone.runShell(line);
      expect(stdout, line).toMatch(/__edge_studio_exit_[0-9a-f]+:\d+\n/);
      expect(stdout + stderr, line).not.toMatch(/not found|syntax error|unsupported/);
    }
  });
});
