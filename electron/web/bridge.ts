import type { WebSocket } from 'ws';
import { clientFrameSchema, maxFrameBytes, type ServerFrame } from '../../shared/bridge-protocol';
import type { InvokeHandlers } from '../../shared/contract';
import { dispatchInvoke } from '../../shared/dispatch';
import type { StudioEventBus } from '../../shared/event-bus';
import { describeZodError, type StudioError } from '../../shared/result';
import type { Logger } from '../core/log';

/** What a bridged socket needs from the core. */
export interface BridgeDeps {
  handlers: InvokeHandlers;
  events: StudioEventBus;
  log: Logger;
}

/**
 * Serves the contract over one WebSocket: each text frame is validated, dispatched and answered;
 * a bad frame gets an error frame and the socket stays open (a frame ws itself refuses, invalid
 * UTF-8 or over `maxPayload`, closes it with 1007 or 1009); every bus event is forwarded.
 */
export function bridgeSocket(socket: WebSocket, deps: BridgeDeps): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = deps.events.subscribe((event) => send({ type: 'event', ...event }));
  deps.log.info('A browser window connected');
  // ws has already closed the socket with the code the error names (1007 invalid UTF-8, 1009 too
  // big); unheard, the 'error' would be thrown and end the host.
  socket.on('error', (error) => deps.log.warn(`Closed a browser window: ${error.message}`));
  socket.on('close', () => {
    unsubscribe();
    deps.log.info('A browser window disconnected');
  });
  socket.on('message', (data, isBinary) => {
    void answerFrame(data, isBinary, deps).then(send);
  });
}

async function answerFrame(
  data: unknown,
  isBinary: boolean,
  deps: BridgeDeps,
): Promise<ServerFrame> {
  const frame = decodeFrame(data, isBinary);
  if ('error' in frame) return { type: 'error', id: frame.id, error: frame.error };
  // dispatch logs a handler's throw and answers `internal`: nothing to catch here.
  const result = await dispatchInvoke(deps.handlers, frame.channel, frame.args, (message) =>
    deps.log.error(message),
  );
  return { type: 'result', id: frame.id, result };
}

type Decoded =
  { id: number; channel: string; args: unknown } | { id: number | null; error: StudioError };

function decodeFrame(data: unknown, isBinary: boolean): Decoded {
  const invalid = (message: string, id: number | null = null): Decoded => ({
    id,
    error: { code: 'invalid-frame', message },
  });
  if (isBinary || !(data instanceof Buffer)) return invalid('Frames must be JSON text');
  if (data.byteLength > maxFrameBytes) return invalid(`Frame over ${maxFrameBytes} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    return invalid('Frame is not valid JSON');
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) return invalid(describeZodError(parsed.error), idOf(json));
  return parsed.data;
}

function idOf(json: unknown): number | null {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}
