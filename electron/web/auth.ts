import { parse as parseCookies } from 'cookie';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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
