/**
 * A ring buffer of the last `capacity` entries: a long job's log keeps its tail and counts what
 * it dropped, so a chatty job cannot grow the studio's memory.
 */
export class BoundedLog<T> {
  readonly #entries: (T | undefined)[];
  #next = 0;
  #size = 0;
  #dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Bad capacity ${capacity}`);
    this.#entries = new Array<T | undefined>(capacity);
  }

  push(entry: T): void {
    if (this.#size === this.capacity) this.#dropped++;
    else this.#size++;
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
  }

  /** Entries dropped off the front so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The entries kept, oldest first. */
  toArray(): T[] {
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    const kept: T[] = [];
    for (let n = 0; n < this.#size; n++) {
      kept.push(this.#entries[(start + n) % this.capacity] as T);
    }
    return kept;
  }
}
