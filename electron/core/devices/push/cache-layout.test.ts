import { describe, expect, it } from 'vitest';
import { cachePath, parseSha256sum, pickEvictions } from './cache-layout';

const sha = (c: string) => c.repeat(64);

describe('the on-phone cache', () => {
  it('names entries by sha256 only', () => {
    expect(cachePath(sha('a'))).toBe(`/data/local/tmp/edge-studio/cache/${sha('a')}`);
    expect(() => cachePath('../../etc')).toThrow();
  });

  it('evicts the least recently used entries until the artifact fits', () => {
    const entries = [
      { name: sha('a'), size: 50, mtimeMs: 3 },
      { name: sha('b'), size: 30, mtimeMs: 1 },
      { name: `${sha('c')}.partial-1`, size: 500, mtimeMs: 0 },
      { name: sha('d'), size: 40, mtimeMs: 2 },
    ];
    expect(pickEvictions(entries, 100, 90)!.map((e) => e.name)).toEqual([]);
    expect(pickEvictions(entries, 10, 70)!.map((e) => e.name)).toEqual([sha('b'), sha('d')]);
    expect(pickEvictions(entries, 10, 1000)).toBeNull();
  });

  it('reads sha256sum output', () => {
    expect(parseSha256sum(`${sha('e')}  /data/local/tmp/x\n`)).toBe(sha('e'));
    expect(parseSha256sum('sha256sum: x: No such file')).toBeNull();
  });
});
