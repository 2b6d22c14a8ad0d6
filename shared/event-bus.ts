import { eventChannels, type EventChannel, type EventPayload } from './contract';

/** One event of any channel, as hosts forward it. */
export type StudioEvent = {
  [E in EventChannel]: { channel: E; payload: EventPayload<E> };
}[EventChannel];

export type StudioEventListener = (event: StudioEvent) => void;

/**
 * The main side's typed event stream. Payloads are checked against the contract on emit, so an
 * off-contract event is caught where it is made, not in a window.
 */
export class StudioEventBus {
  readonly #listeners = new Set<StudioEventListener>();

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const checked = eventChannels[channel].parse(payload) as EventPayload<E>;
    const event = { channel, payload: checked } as StudioEvent;
    for (const listener of this.#listeners) listener(event);
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: StudioEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
