import type { IncomingMessage } from 'node:http';
import { bridgePath } from '../../shared/bridge-protocol';
import { presentedToken, tokenMatches } from './auth';
import { acceptsHostHeader } from './host-header';

/** What every request must carry: a `Host` naming the bound address, and the launch token. */
export interface Gate {
  token: string;
  bound: string;
  port: number;
}

/**
 * Why a request is refused, or null: 421 for a `Host` that is not the bound address (DNS
 * rebinding), 401 without the token. A WebSocket upgrade must also ask for the bridge's path,
 * from no other origin than the page's.
 */
export function refusalOf(
  request: IncomingMessage,
  gate: Gate,
  asks: 'page' | 'bridge',
): 401 | 421 | null {
  if (!acceptsHostHeader(request.headers.host, gate.bound, gate.port)) return 421;
  if (!tokenMatches(presentedToken(request, gate.port), gate.token)) return 401;
  if (asks === 'page') return null;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  return path === bridgePath && sameOrigin(request) ? null : 401;
}

/** Browsers send Origin on WebSocket handshakes; a page of another origin is refused. */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
