import { useSyncExternalStore } from 'react';

/** Runs a callback before the next paint (`requestAnimationFrame`; injectable for tests). */
export type FrameScheduler = (callback: () => void) => void;

const nextFrame: FrameScheduler = (callback) => void requestAnimationFrame(() => callback());

/**
 * A value that may change many times a frame but tells its readers at most once per animation
 * frame: `update` changes it at once, readers see the new value (and re-render) on the next frame.
 * Read it with `useFrameStore`, i.e. `useSyncExternalStore`.
 */
export class FrameStore<T> {
  #current: T;
  #published: T;
  #scheduled = false;
  readonly #listeners = new Set<() => void>();

  constructor(
    initial: T,
    private readonly schedule: FrameScheduler = nextFrame,
  ) {
    this.#current = initial;
    this.#published = initial;
  }

  /** The latest value, which readers see from the next frame on. */
  get current(): T {
    return this.#current;
  }

  /** What readers see now: the same object until the next frame that follows a change. */
  readonly getSnapshot = (): T => this.#published;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  update(change: (current: T) => T): void {
    this.#current = change(this.#current);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.schedule(() => this.#publish());
  }

  #publish(): void {
    this.#scheduled = false;
    if (this.#published === this.#current) return;
    this.#published = this.#current;
    for (const listener of this.#listeners) listener();
  }
}

/** The store's value in a component, re-rendered at most once per frame. */
export function useFrameStore<T>(store: FrameStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
