import { fail, ok, type Result } from './result';

/** An adb server address of the farm; an IPv6 host is kept bare (`::1`), as sockets want it. */
export interface HostPort {
  host: string;
  port: number;
}

const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9.-]{0,252}$/;

/**
 * Parses `host:port`, IPv6 in brackets (`[::1]:5037` gives host `::1`), rejecting anything that
 * is not a plain address.
 */
export function parseHostPort(text: string): Result<HostPort> {
  const at = text.lastIndexOf(':');
  const hostText = at > 0 ? text.slice(0, at) : '';
  const portText = at > 0 ? text.slice(at + 1) : '';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  const name = namePattern.test(hostText) ? hostText : null;
  const host = hostText.startsWith('[') ? ipv6Literal(hostText) : name;
  if (host === null || !(port >= 1 && port <= 65535)) return notAnAddress(text, hostText);
  return ok({ host, port });
}

/** `host:port`, with an IPv6 host back in brackets. */
export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The bare, canonical form of a bracketed IPv6 literal (`[0:0::1]` gives `::1`), or null. The
 * WHATWG URL parser validates it: shared/ runs in the browser too, so `node:net` is not at hand.
 */
function ipv6Literal(bracketed: string): string | null {
  if (!/^\[[0-9a-fA-F:.]+\]$/.test(bracketed)) return null;
  try {
    return new URL(`http://${bracketed}/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

function notAnAddress(text: string, hostText: string): Result<HostPort> {
  const hint = hostText.includes(':') && !hostText.startsWith('[') ? '; put IPv6 in brackets' : '';
  return fail(
    'invalid-args',
    `"${text}" is not a host:port address (e.g. 127.0.0.1:5037 or [::1]:5037)${hint}`,
  );
}
