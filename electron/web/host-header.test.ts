import { describe, expect, it } from 'vitest';
import { acceptsHostHeader } from './host-header';

describe('acceptsHostHeader', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1:8080'],
    ['127.0.0.1', 'localhost:8080'],
    ['127.0.0.1', 'LOCALHOST:8080'],
    ['localhost', '127.0.0.1:8080'],
    ['localhost', '[::1]:8080'],
    ['::1', '[::1]:8080'],
    ['::1', '[0:0::1]:8080'],
    ['::1', 'localhost:8080'],
    ['192.168.1.20', '192.168.1.20:8080'],
    ['farm.lab', 'Farm.Lab:8080'],
    ['0.0.0.0', '192.168.1.20:8080'],
    ['::', '[fe80::1]:8080'],
    ['::', 'localhost:8080'],
  ])('bound to %s, accepts Host %s', (bound, header) => {
    expect(acceptsHostHeader(header, bound, 8080)).toBe(true);
  });

  it.each([
    ['127.0.0.1', undefined],
    ['127.0.0.1', ''],
    ['127.0.0.1', 'evil.example:8080'],
    ['127.0.0.1', '127.evil.example:8080'],
    ['127.0.0.1', 'localhost.evil.example:8080'],
    ['127.0.0.1', '127.0.0.1:8081'],
    ['127.0.0.1', '127.0.0.1'],
    ['127.0.0.1', '[::1]:8080'],
    ['127.0.0.1', '127.0.0.1:8080@evil.example'],
    ['127.0.0.1', '127.0.0.1:8080/x'],
    ['::1', '::1:8080'],
    ['::1', '127.0.0.1:8080'],
    ['192.168.1.20', 'localhost:8080'],
    ['192.168.1.20', 'evil.example:8080'],
    ['farm.lab', 'evil.example:8080'],
    ['0.0.0.0', 'evil.example:8080'],
    ['0.0.0.0', '192.168.1.20:9999'],
  ])('bound to %s, refuses Host %j', (bound, header) => {
    expect(acceptsHostHeader(header, bound, 8080)).toBe(false);
  });

  it('accepts a Host without a port only on port 80', () => {
    expect(acceptsHostHeader('localhost', '127.0.0.1', 80)).toBe(true);
    expect(acceptsHostHeader('localhost', '127.0.0.1', 8080)).toBe(false);
  });
});
