import { isIP } from 'node:net';
import { formatHostPort, parseHostPort, type HostPort } from '../../shared/host-port';
import { isLoopbackHost } from '../core/devices/loopback-host';

/**
 * True when a request's `Host` names the address the web host is bound to, at its port. A page
 * of `evil.example` whose name was rebound to 127.0.0.1 sends `Host: evil.example:PORT`, and is
 * refused. Bound to loopback, `localhost` and the loopback literal bound to are accepted; bound to
 * another name, that name; bound to every interface (`0.0.0.0`, `::`), any IP literal and
 * `localhost`, since a DNS rebinding needs a name that the attacker controls.
 */
export function acceptsHostHeader(header: string | undefined, bound: string, port: number) {
  const target = header === undefined ? null : splitHostHeader(header);
  if (target === null || target.port !== port) return false;
  const host = canonicalHost(bound);
  if (host === '0.0.0.0' || host === '::') {
    return target.host === 'localhost' || isIP(target.host) !== 0;
  }
  return loopbackNames(host).includes(target.host);
}

function loopbackNames(host: string): string[] {
  if (!isLoopbackHost(host)) return [host];
  // `localhost` resolves to 127.0.0.1 or ::1, depending on the resolver.
  return host === 'localhost' ? ['localhost', '127.0.0.1', '::1'] : [host, 'localhost'];
}

/** `name:port`, or a bare `name` for port 80, as a lower-case host and a port; else null. */
function splitHostHeader(header: string): HostPort | null {
  const withPort = /:\d+$/.test(header) ? header : `${header}:80`;
  const parsed = parseHostPort(withPort.toLowerCase());
  return parsed.ok ? parsed.value : null;
}

/** The bound address as a parsed `Host` spells it (bare IPv6 in canonical form, lower case). */
function canonicalHost(bound: string): string {
  const bare = bound.startsWith('[') && bound.endsWith(']') ? bound.slice(1, -1) : bound;
  const parsed = parseHostPort(formatHostPort({ host: bare.toLowerCase(), port: 1 }));
  return parsed.ok ? parsed.value.host : bare.toLowerCase();
}
