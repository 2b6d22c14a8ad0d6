import { serialize } from 'cookie';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { bridgePath, maxFrameBytes } from '../../shared/bridge-protocol';
import { presentedToken, tokenCookieName, tokenMatches, createToken } from './auth';
import { bridgeSocket, type BridgeDeps } from './bridge';

/** Options of one web host launch. */
export interface WebHostOptions {
  host: string;
  port: number;
  rendererDir: string;
  token?: string;
}

/** A running web host. */
export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Serves the built renderer and the contract bridge. Every HTTP route and the socket require the
 * launch token (query `?token=` or the cookie set on the first authorised visit); else 401.
 */
export async function startWebHost(options: WebHostOptions, deps: BridgeDeps): Promise<WebHost> {
  if (!existsSync(options.rendererDir)) {
    throw new Error(`The renderer is not built (${options.rendererDir}); run \`npm run build\``);
  }
  const token = options.token ?? createToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * maxFrameBytes });
  sockets.on('connection', (socket) => bridgeSocket(socket, deps));
  const assets = sirv(options.rendererDir, { dev: false, etag: true, single: true });
  let port = options.port;
  const server = createServer((request, response) => {
    if (!authorise(request, response, token, port)) return;
    assets(request, response);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const authorised = tokenMatches(presentedToken(request, port), token);
    if (path !== bridgePath || !authorised || !sameOrigin(request)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () => closeAll(server, sockets),
  };
}

function authorise(
  request: IncomingMessage,
  response: ServerResponse,
  token: string,
  port: number,
): boolean {
  const presented = presentedToken(request, port);
  if (!tokenMatches(presented, token)) {
    response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(
      '401 Unauthorized: open the URL with the token that `edge-studio serve` printed\n',
    );
    return false;
  }
  response.setHeader('Content-Security-Policy', contentSecurityPolicy);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader(
    'Set-Cookie',
    serialize(tokenCookieName(port), token, { httpOnly: true, sameSite: 'strict', path: '/' }),
  );
  return true;
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

async function closeAll(server: ReturnType<typeof createServer>, sockets: WebSocketServer) {
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
