import { BlockList, isIP, isIPv6 } from 'node:net';

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
