import { describe, expect, it } from 'vitest';
import { formatPush } from './devices-push-command';

const pushed = {
  remotePath: '/data/local/tmp/edge-studio/cache/ab12',
  sha256: 'ab12',
  bytes: 256 * 1024 * 1024,
  skipped: false,
};

describe('devices push', () => {
  it('says where the bytes went, how fast, and whether the phone checked them', () => {
    expect(formatPush(pushed, { key: 'h/ES000', seconds: 2, verified: true })).toBe(
      '/data/local/tmp/edge-studio/cache/ab12 (256.0 MiB) pushed to h/ES000 in 2.0 s, 134 MB/s, sha256 verified on the phone',
    );
    expect(formatPush(pushed, { key: 'h/ES000', seconds: 2, verified: false })).not.toContain(
      'verified',
    );
  });

  it('says when the file was already in the cache', () => {
    const skipped = { ...pushed, skipped: true };
    expect(formatPush(skipped, { key: 'h/ES000', seconds: 0.01, verified: true })).toBe(
      '/data/local/tmp/edge-studio/cache/ab12 (256.0 MiB) was already on h/ES000',
    );
  });
});
