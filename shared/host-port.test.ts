import { describe, expect, it } from 'vitest';
import { parseHostPort } from './host-port';

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:5037', { host: '127.0.0.1', port: 5037 }],
    ['farm-3.lab:15037', { host: 'farm-3.lab', port: 15037 }],
    ['[::1]:5037', { host: '[::1]', port: 5037 }],
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
  ])('rejects %j', (text) => {
    expect(parseHostPort(text).ok).toBe(false);
  });
});
