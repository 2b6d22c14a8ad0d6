import { describe, expect, it } from 'vitest';
import { formatHostPort, parseHostPort } from './host-port';

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:5037', { host: '127.0.0.1', port: 5037 }],
    ['farm-3.lab:15037', { host: 'farm-3.lab', port: 15037 }],
    ['[::1]:5037', { host: '::1', port: 5037 }],
    ['[0:0:0:0:0:0:0:1]:5139', { host: '::1', port: 5139 }],
    ['[FE80::1:2]:5037', { host: 'fe80::1:2', port: 5037 }],
    ['[::ffff:127.0.0.1]:5037', { host: '::ffff:7f00:1', port: 5037 }],
  ])('parses %s', (text, expected) => {
    expect(parseHostPort(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '5037',
    ':5037',
    'host:',
    'host:0',
    'host:70000',
    'host:12a',
    'a b:1',
    'h;rm -rf /:1',
    '$(x):1',
    '[::1]',
    '[]:5037',
    '[::1::]:5037',
    '[1:2]:5037',
    '[fe80::1%eth0]:5037',
    '[::1]x:5037',
    '[::1]@evil:5037',
    '[127.0.0.1]:5037',
    '[evil.example]:5037',
  ])('rejects %j', (text) => {
    expect(parseHostPort(text).ok).toBe(false);
  });

  it('asks for brackets around a bare IPv6 host', () => {
    const parsed = parseHostPort('::1:5037');
    expect(!parsed.ok && parsed.error.message).toMatch(/IPv6 in brackets/);
  });

  it.each(['127.0.0.1:5037', 'farm-3.lab:15037', '[::1]:5139', '[fe80::1:2]:5037'])(
    'formats %s back as it was parsed',
    (text) => {
      const parsed = parseHostPort(text);
      expect(parsed.ok && formatHostPort(parsed.value)).toBe(text);
    },
  );
});
