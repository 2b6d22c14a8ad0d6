import { describe, expect, it } from 'vitest';
import { resolveDataDir, studioRoot, studioVersion } from './paths';

describe('paths', () => {
  it('resolves the data dir from --data, XDG_DATA_HOME, then home', () => {
    expect(resolveDataDir('/tmp/x', {}, '/home/u')).toBe('/tmp/x');
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/xdg' }, '/home/u')).toBe(
      '/xdg/edge-studio',
    );
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: 'relative' }, '/home/u')).toBe(
      '/home/u/.local/share/edge-studio',
    );
    expect(resolveDataDir(undefined, {}, '/home/u')).toBe('/home/u/.local/share/edge-studio');
  });

  it('finds the studio package', () => {
    expect(studioRoot()).toMatch(/./);
    expect(studioVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
