import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { adbCandidates, locateAdb, parseAdbVersion, readAdbVersion } from './adb-binary';

// Captured from Debian's adb 29.0.6 (`adb version`) and from platform-tools 35.0.2.
const debian =
  'Android Debug Bridge version 1.0.41\nVersion 29.0.6-debian\nInstalled as /usr/lib/android-sdk/platform-tools/adb\n';
const platformTools =
  'Android Debug Bridge version 1.0.41\nVersion 35.0.2-12147458\nInstalled as /opt/platform-tools/adb\nRunning on Linux 6.8.0 (x86_64)\n';

describe('adb binary', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.cleanup());

  it('parses adb version output', () => {
    expect(parseAdbVersion(debian)).toBe('29.0.6-debian');
    expect(parseAdbVersion(platformTools)).toBe('35.0.2-12147458');
    expect(parseAdbVersion('Android Debug Bridge version 1.0.39\n')).toBe('1.0.39');
    expect(parseAdbVersion('bash: adb: command not found')).toBeNull();
  });

  it('prefers $ADB, then the SDK, then PATH', () => {
    const candidates = adbCandidates({ ADB: '/x/adb', ANDROID_HOME: '/sdk', PATH: '/a:/b' });
    expect(candidates).toEqual(['/x/adb', '/sdk/platform-tools/adb', '/a/adb', '/b/adb']);
  });

  it('finds an executable adb and reads its version without a shell', async () => {
    const tools = join(data.dir, 'sdk', 'platform-tools');
    mkdirSync(tools, { recursive: true });
    const fake = join(tools, 'adb');
    writeFileSync(fake, `#!/bin/sh\nprintf '${debian.replaceAll('\n', '\\n')}'\n`);
    chmodSync(fake, 0o755);
    const located = locateAdb({ ANDROID_HOME: join(data.dir, 'sdk'), PATH: '' });
    expect(located).toEqual({ ok: true, value: fake });
    expect(await readAdbVersion(fake)).toEqual({ ok: true, value: '29.0.6-debian' });
  });

  it('says how to install adb when it is missing', () => {
    const located = locateAdb({ PATH: data.dir });
    expect(located.ok).toBe(false);
    expect(!located.ok && located.error.message).toMatch(/apt-get install adb/);
  });
});
