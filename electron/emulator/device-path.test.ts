import { describe, expect, it } from 'vitest';
import { isInside, isWritable, normalizeDevicePath } from './device-path';

describe('normalizeDevicePath', () => {
  it('resolves relative paths and dots inside the device', () => {
    expect(normalizeDevicePath('x/../y', '/data/local/tmp')).toEqual({
      ok: true,
      value: '/data/local/tmp/y',
    });
    expect(normalizeDevicePath('/data//local/./tmp/')).toEqual({
      ok: true,
      value: '/data/local/tmp',
    });
    expect(normalizeDevicePath('/')).toEqual({ ok: true, value: '/' });
  });

  it('refuses .. above the root, host paths, NUL and over-long paths', () => {
    expect(normalizeDevicePath('/data/local/tmp/../../../../etc').ok).toBe(false);
    expect(normalizeDevicePath('../../x', '/data').ok).toBe(false);
    expect(normalizeDevicePath('/home/user/.ssh/id_rsa').ok).toBe(false);
    expect(normalizeDevicePath('/tmp/x').ok).toBe(false);
    expect(normalizeDevicePath('/data/a\0b').ok).toBe(false);
    expect(normalizeDevicePath(`/data/${'a'.repeat(1100)}`).ok).toBe(false);
  });

  it('knows the writable directories', () => {
    expect(isWritable('/data/local/tmp/model.onnx')).toBe(true);
    expect(isWritable('/data/local/tmpx')).toBe(false);
    expect(isWritable('/system/bin/sh')).toBe(false);
  });
});

describe('isInside', () => {
  it('accepts the root and its children only', () => {
    expect(isInside('/r', '/r')).toBe(true);
    expect(isInside('/r', '/r/a/..b')).toBe(true);
    expect(isInside('/r', '/r2')).toBe(false);
    expect(isInside('/r', '/')).toBe(false);
  });
});
