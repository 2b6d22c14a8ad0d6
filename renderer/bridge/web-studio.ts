import {
  bridgePath,
  serverFrameSchema,
  type ClientFrame,
  type ServerFrame,
} from '../../shared/bridge-protocol';
import {
  eventChannels,
  invokeResultSchema,
  isEventChannel,
  type EventChannel,
  type EventPayload,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeValue,
  type StudioApi,
} from '../../shared/contract';
import { fail, type Result } from '../../shared/result';

export type ConnectionState = 'connecting' | 'open' | 'closed';

type Listener = (payload: unknown) => void;

/**
 * `window.studio` over the web host's WebSocket. Connects to the page's own origin with the
 * page's token; answers and events are checked against the contract; calls made while
 * disconnected fail as values.
 */
export class WebStudio implements StudioApi {
  readonly #socket: WebSocket;
  readonly #opened: Promise<boolean>;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #listeners = new Map<EventChannel, Set<Listener>>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();
  #state: ConnectionState = 'connecting';
  #nextId = 1;

  constructor(location: Pick<Location, 'search' | 'host' | 'protocol'> = window.location) {
    const token = new URLSearchParams(location.search).get('token') ?? '';
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.#socket = new WebSocket(
      `${scheme}://${location.host}${bridgePath}?token=${encodeURIComponent(token)}`,
    );
    this.#opened = new Promise((resolve) => {
      this.#socket.addEventListener('open', () => resolve(true));
      this.#socket.addEventListener('close', () => resolve(false));
    });
    this.#socket.addEventListener('open', () => this.#setState('open'));
    this.#socket.addEventListener('close', () => this.#onClose());
    this.#socket.addEventListener('message', (message) => this.#onMessage(String(message.data)));
  }

  get state(): ConnectionState {
    return this.#state;
  }

  onDidChangeState(listener: (state: ConnectionState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => void this.#stateListeners.delete(listener);
  }

  async invoke<C extends InvokeChannel>(
    channel: C,
    args: InvokeArgs<C>,
  ): Promise<Result<InvokeValue<C>>> {
    if (!(await this.#opened)) return fail('disconnected', 'Not connected to the studio host');
    const id = this.#nextId++;
    const answer = new Promise<Result<unknown>>((resolve) => this.#pending.set(id, resolve));
    const frame: ClientFrame = { type: 'invoke', id, channel, args };
    this.#socket.send(JSON.stringify(frame));
    const result = await answer;
    return invokeResultSchema(channel).parse(result) as Result<InvokeValue<C>>;
  }

  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.#listeners.get(channel) ?? new Set<Listener>();
    this.#listeners.set(channel, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => void set.delete(wrapped);
  }

  #setState(next: ConnectionState): void {
    this.#state = next;
    this.#stateListeners.forEach((listener) => listener(next));
  }

  #onClose(): void {
    this.#setState('closed');
    this.#pending.forEach((settle) => settle(fail('disconnected', 'The studio host went away')));
    this.#pending.clear();
  }

  #onMessage(text: string): void {
    const frame = serverFrameSchema.safeParse(safeJson(text));
    if (frame.success) this.#route(frame.data);
  }

  #route(frame: ServerFrame): void {
    if (frame.type === 'event') {
      if (!isEventChannel(frame.channel)) return;
      const payload = eventChannels[frame.channel].safeParse(frame.payload);
      if (payload.success) this.#listeners.get(frame.channel)?.forEach((l) => l(payload.data));
      return;
    }
    if (frame.id === null) return;
    const result = frame.type === 'result' ? frame.result : { ok: false, error: frame.error };
    this.#pending.get(frame.id)?.(result as Result<unknown>);
    this.#pending.delete(frame.id);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
