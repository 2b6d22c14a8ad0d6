import { describe, expect, it } from 'vitest';
import { readHostArgs, resolveHostArgs } from './host-args';

describe('host args', () => {
  it('reads --data and every --adb among other switches, in either spelling', () => {
    const argv = ['electron', '.', '--no-sandbox', '--data', '/d', '--adb=10.0.0.2:5037'];
    expect(readHostArgs([...argv, '--adb', '[::1]:5038', '--data=/e'])).toEqual({
      data: '/e',
      adb: ['10.0.0.2:5037', '[::1]:5038'],
    });
    expect(readHostArgs(['electron'])).toEqual({ adb: [] });
    expect(readHostArgs(['electron', '--data'])).toEqual({ adb: [] });
  });

  it('means the same as in the CLI: --adb over the environment, which is checked', () => {
    const place = resolveHostArgs({ data: '/d', adb: ['[::1]:5038'] }, { XDG_DATA_HOME: '/x' });
    expect(place.ok && place.value.dataDir).toBe('/d');
    expect(place.ok && place.value.farm.map((server) => server.address)).toEqual(['[::1]:5038']);
    const fallback = resolveHostArgs({}, { XDG_DATA_HOME: '/x', ANDROID_ADB_SERVER_PORT: '6000' });
    expect(fallback.ok && fallback.value.dataDir).toBe('/x/edge-studio');
    expect(fallback.ok && fallback.value.farm[0]?.address).toBe('127.0.0.1:6000');
    const bad = resolveHostArgs({}, { ADB_SERVER_SOCKET: 'tcp:nohost' });
    expect(!bad.ok && bad.error.message).toBe(
      'ADB_SERVER_SOCKET="tcp:nohost" is not tcp:HOST:PORT',
    );
  });
});
