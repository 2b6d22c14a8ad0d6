import type { Batch } from '../../../shared/stream-batch';

/** How a stream is batched. */
export interface BatcherOptions<T> {
  /** The shortest time between two flushes (the first change after a quiet spell goes at once). */
  intervalMs?: number;
  /**
   * For a stream of states: items of one key replace each other between flushes, and one equal to
   * the last flushed item of its key is not sent again. Without it every item is sent (samples).
   */
  keyOf?: (item: T) => string;
  /** The cheap equality of two items of one key; a stable JSON of the item by default. */
  fingerprint?: (item: T) => string;
  /** The most items held between flushes; beyond it the oldest are dropped. */
  maxPending?: number;
}

/**
 * The core's one batcher: collects the items of one channel and flushes `{seq, items[]}` at most
 * every `intervalMs` (50 ms), only when something changed. Hosts forward the batches unchanged.
 */
export class StreamBatcher<T> {
  readonly #options: Required<Omit<BatcherOptions<T>, 'keyOf'>> & Pick<BatcherOptions<T>, 'keyOf'>;
  /** Items waiting for the next flush, by key (a running number for unkeyed streams). */
  readonly #pending = new Map<string, { item: T; print: string }>();
  /** The fingerprint of the last flushed item of every key. */
  readonly #flushed = new Map<string, string>();
  #seq = 0;
  #appended = 0;
  #lastFlush = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(
    private readonly onFlush: (batch: Batch<T>) => void,
    options: BatcherOptions<T> = {},
  ) {
    this.#options = { intervalMs: 50, fingerprint: stableJson, maxPending: 10_000, ...options };
  }

  /** Queues an item; one that changes nothing schedules nothing. */
  push(item: T): void {
    if (this.#stopped) return;
    const { keyOf, fingerprint, maxPending } = this.#options;
    const key = keyOf ? keyOf(item) : String(this.#appended++);
    const print = keyOf ? fingerprint(item) : '';
    if (keyOf && !this.#pending.has(key) && this.#flushed.get(key) === print) return;
    this.#pending.delete(key);
    this.#pending.set(key, { item, print });
    if (this.#pending.size > maxPending) this.#pending.delete(this.#pending.keys().next().value!);
    this.#schedule();
  }

  /** Sends what is pending now (a host closing, a test). */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#lastFlush = Date.now();
    const items: T[] = [];
    for (const [key, { item, print }] of this.#pending) {
      // A state that changed and changed back between two flushes is no change.
      if (this.#options.keyOf && this.#flushed.get(key) === print) continue;
      if (this.#options.keyOf) this.#flushed.set(key, print);
      items.push(item);
    }
    this.#pending.clear();
    if (items.length > 0 && !this.#stopped) this.onFlush({ seq: ++this.#seq, items });
  }

  /** Drops what is pending and sends nothing more. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
  }

  #schedule(): void {
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastFlush + this.#options.intervalMs - Date.now());
    this.#timer = setTimeout(() => this.flush(), wait);
  }
}

/** JSON with every object's keys sorted, so equal values give equal text whatever their order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => {
    if (field === null || typeof field !== 'object' || Array.isArray(field)) return field;
    const entries = Object.entries(field as Record<string, unknown>);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
