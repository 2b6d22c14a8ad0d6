import { serialize } from 'cookie';
import { existsSync } from 'node:fs';
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { maxFrameBytes } from '../../shared/bridge-protocol';
import { formatHostPort } from '../../shared/host-port';
import { fail, ok, type Result } from '../../shared/result';
import { createToken, tokenCookieName } from './auth';
import { bridgeSocket, type BridgeDeps } from './bridge';
import { refusalOf, type Gate } from './request-gate';

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
 * Serves the built renderer and the contract bridge. Every HTTP route and the socket require a
 * `Host` naming the bound address (else 421: DNS rebinding) and the launch token (query
 * `?token=` or the cookie set on the first authorised visit; else 401). An unbuilt renderer or an
 * address it cannot listen on is a failed result.
 */
export async function startWebHost(
  options: WebHostOptions,
  deps: BridgeDeps,
): Promise<Result<WebHost>> {
  if (!existsSync(options.rendererDir)) {
    const message = `The renderer is not built (${options.rendererDir}); run \`npm run build\``;
    return fail('not-installed', message);
  }
  const server = createServer();
  server.on('clientError', dropClient);
  const listening = await listen(server, options.host, options.port);
  if (!listening.ok) return listening;
  server.on('error', (error) => deps.log.error(`Web host: ${error.message}`));
  const port = listening.value;
  const gate: Gate = { token: options.token ?? createToken(), bound: options.host, port };
  serveRenderer(server, options.rendererDir, gate);
  const sockets = serveBridge(server, deps, gate);
  const shown = formatHostPort({ host: options.host, port });
  return ok({
    url: `http://${shown}/?token=${gate.token}`,
    port,
    token: gate.token,
    close: () => closeAll(server, sockets),
  });
}

/** Listens, giving the port; a name that does not resolve or a port in use is a failed result. */
function listen(server: Server, host: string, port: number): Promise<Result<number>> {
  return new Promise((resolve) => {
    const refused = (error: Error) =>
      resolve(fail('invalid-args', `cannot listen on ${host} port ${port}: ${error.message}`));
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      resolve(ok((server.address() as AddressInfo).port));
    });
  });
}

/** A malformed request or a reset connection: answer 400 if the socket still can, else drop it. */
function dropClient(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

function serveRenderer(server: Server, rendererDir: string, gate: Gate): void {
  const assets = sirv(rendererDir, { dev: false, etag: true, single: true });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = refusalOf(request, gate, 'page');
    if (refusal !== null) return refuse(response, refusal);
    response.setHeader('Content-Security-Policy', contentSecurityPolicy);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader(
      'Set-Cookie',
      serialize(tokenCookieName(gate.port), gate.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
      }),
    );
    assets(request, response);
  });
}

function refuse(response: ServerResponse, status: 401 | 421): void {
  const why =
    status === 401
      ? 'open the URL with the token that `edge-studio serve` printed'
      : 'this host answers only the address it listens on; open the URL that was printed';
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${status} ${STATUS_CODES[status]}: ${why}\n`);
}

/**
 * The bridge's sockets. ws closes one with 1009 past `maxPayload` and 1007 on invalid UTF-8, then
 * emits 'error' on it, which bridge.ts listens to so that it does not end the host.
 */
function serveBridge(server: Server, deps: BridgeDeps, gate: Gate): WebSocketServer {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * maxFrameBytes });
  sockets.on('connection', (socket) => bridgeSocket(socket, deps));
  sockets.on('error', (error) => deps.log.error(`Web bridge: ${error.message}`));
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node hands the socket over without its 'error' listener: a reset must not end the host.
    socket.on('error', () => socket.destroy());
    const refusal = refusalOf(request, gate, 'bridge');
    if (refusal !== null) {
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${refusal} ${STATUS_CODES[refusal]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  return sockets;
}

async function closeAll(server: Server, sockets: WebSocketServer) {
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
