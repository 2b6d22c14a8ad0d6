import { formatHostPort, parseHostPort } from '../../../shared/host-port';
import { ok, type Result } from '../../../shared/result';
import { isLoopbackHost } from './loopback-host';

/**
 * One adb server of the farm, parsed once (from `--adb`, adb's environment or the store) and
 * passed as this value from then on: nothing downstream parses or formats its address again.
 */
export interface AdbServer {
  /** Bare host (`::1`, not `[::1]`), as sockets and `adb -H` want it. */
  readonly host: string;
  readonly port: number;
  /** `host:port`, IPv6 in brackets, canonical: the farm's key for it in snapshots and the store. */
  readonly address: string;
  /** Only this machine can reach it: adb may start it, emulated phones may attach to it. */
  readonly local: boolean;
}

/** The adb server at `host:port` (IPv6 in brackets), or why that is not an address. */
export function adbServerAt(text: string): Result<AdbServer> {
  const parsed = parseHostPort(text);
  if (!parsed.ok) return parsed;
  const { host, port } = parsed.value;
  return ok({ host, port, address: formatHostPort(parsed.value), local: isLoopbackHost(host) });
}

/**
 * `[-H host] -P port` for the adb binary. `-H` only for a remote server: adb 29 refuses to start a
 * server when given any `-H`, even `-H 127.0.0.1` ("cannot start server on remote host").
 */
export function adbServerArgs(server: Pick<AdbServer, 'host' | 'port' | 'local'>): string[] {
  return [...(server.local ? [] : ['-H', server.host]), '-P', String(server.port)];
}
