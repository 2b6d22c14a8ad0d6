import { fail, ok, type Result } from './result';

/** An adb server address of the farm. */
export interface HostPort {
  host: string;
  port: number;
}

const hostPattern = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]{0,252})|\[[0-9a-fA-F:]+\])$/;

/** Parses `host:port` (IPv6 in brackets), rejecting anything that is not a plain address. */
export function parseHostPort(text: string): Result<HostPort> {
  const at = text.lastIndexOf(':');
  const host = at > 0 ? text.slice(0, at) : '';
  const portText = at > 0 ? text.slice(at + 1) : '';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!hostPattern.test(host) || !(port >= 1 && port <= 65535)) {
    return fail('invalid-args', `"${text}" is not a host:port address (e.g. 127.0.0.1:5037)`);
  }
  return ok({ host, port });
}

export function formatHostPort({ host, port }: HostPort): string {
  return `${host}:${port}`;
}
