import WebSocket from 'ws';
import { bridgePath, serverFrameSchema, type ServerFrame } from '../../shared/bridge-protocol';
import type { Result } from '../../shared/result';
import type { WebHost } from './web-host';

/** The web host a test started; one that could not start fails the test. */
export function started(host: Result<WebHost>): WebHost {
  if (!host.ok) throw new Error(host.error.message);
  return host.value;
}

/** A test client of the web bridge: sends raw frames and collects what comes back. */
export class BridgeTestClient {
  readonly frames: ServerFrame[] = [];
  /** Resolves with the close code once the socket is closed, by either side. */
  readonly closed: Promise<number>;
  readonly #socket: WebSocket;
  #waiters: (() => void)[] = [];

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
    // A host that closes on a bad frame may reset the connection under a pending write.
    socket.on('error', () => undefined);
    socket.on('message', (data) => {
      this.frames.push(serverFrameSchema.parse(JSON.parse(String(data))));
      this.#waiters.forEach((wake) => wake());
    });
  }

  /** Connects to a web host; rejects with the HTTP status when the upgrade is refused. */
  static connect(port: number, token: string | null, headers: Record<string, string> = {}) {
    const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
    const socket = new WebSocket(`ws://127.0.0.1:${port}${bridgePath}${query}`, { headers });
    return new Promise<BridgeTestClient>((resolve, reject) => {
      socket.once('open', () => resolve(new BridgeTestClient(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  send(data: string | Buffer): void {
    this.#socket.send(data);
  }

  /** Sends bytes as a text frame as they are (ws does not check what it sends). */
  sendText(data: Buffer): void {
    this.#socket.send(data, { binary: false });
  }

  /** Sends an invoke and waits for the frame that answers its id. */
  async invoke(id: number, channel: string, args: unknown): Promise<ServerFrame> {
    this.send(JSON.stringify({ type: 'invoke', id, channel, args }));
    return this.waitFor((frame) => 'id' in frame && frame.id === id);
  }

  /** Waits for the first collected frame that matches, removing it from the list. */
  async waitFor(match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0] as ServerFrame;
      await new Promise<void>((wake) => this.#waiters.push(wake));
      this.#waiters = [];
    }
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.#socket.close();
  }
}
