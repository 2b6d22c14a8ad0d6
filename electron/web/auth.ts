import { parse as parseCookies } from 'cookie';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP, isIPv6 } from 'node:net';

/** A fresh per-launch token: 32 random bytes, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Name of the cookie carrying the token; per port, so two hosts on one machine never clash. */
export function tokenCookieName(port: number): string {
  return `edge_studio_token_${port}`;
}

/** The token a request presents: `?token=` first, then the host's cookie. */
export function presentedToken(request: IncomingMessage, port: number): string | undefined {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  return parseCookies(request.headers.cookie ?? '')[tokenCookieName(port)];
}

/** Constant-time comparison of a presented token with the launch token. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
// BlockList also matches IPv4-mapped IPv6 (`::ffff:127.0.0.1`) against the IPv4 subnet.
loopback.addAddress('::1', 'ipv6');

/**
 * True for addresses that only this machine can reach: `localhost`, an IPv4 literal in
 * 127.0.0.0/8, `::1` (bare or in brackets, any spelling) and IPv4-mapped `::ffff:127.x.x.x`.
 * Any other name, `127.evil.example` included, is not: DNS decides where it points.
 */
export function isLoopbackHost(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  const bracketed = host.startsWith('[') && host.endsWith(']');
  const address = bracketed ? host.slice(1, -1) : host;
  if (bracketed && !isIPv6(address)) return false;
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
