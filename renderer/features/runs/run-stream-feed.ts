import type { RunSample } from '../../../shared/run';

/**
 * Puts one run's samples in index order as they come, from live batches and from refill pages:
 * a duplicate (an index already passed) is dropped, and samples beyond a gap are held until the
 * gap is filled (or given up), so the series never sees them out of order. Pure bookkeeping.
 */
export class RunFeed {
  /** The index the series expects next. */
  next = 0;
  /** Indexes given up on (neither streamed nor in the store). */
  missing = 0;
  #seq = 0;
  #pending: RunSample[] = [];
  #gap = false;

  /** Samples are held beyond a gap: the caller should refill from `next`. */
  get gapOpen(): boolean {
    return this.#gap || this.#pending.length > 0;
  }

  /**
   * Takes a live batch; answers the samples now ready, in order. A batch whose `seq` is not the
   * last + 1 (a dropped batch; the first batch a window sees mid-run) or whose samples skip an
   * index opens a gap: from there on, samples are held until a refill closes it.
   */
  receive(seq: number, samples: readonly RunSample[]): RunSample[] {
    if (seq !== this.#seq + 1 && seq > this.#seq) this.#gap = true;
    this.#seq = Math.max(this.#seq, seq);
    const ready: RunSample[] = [];
    for (const sample of samples) {
      if (sample.i < this.next) continue;
      if (sample.i === this.next && !this.gapOpen) {
        ready.push(sample);
        this.next++;
      } else this.#hold(sample);
    }
    return ready;
  }

  /** Takes a page of the store's samples (`run:samples` after `next - 1`); answers those ready. */
  fill(page: readonly RunSample[]): RunSample[] {
    const ready: RunSample[] = [];
    for (const sample of page) {
      if (sample.i < this.next) continue;
      // The store's indexes are its own: one it lacks is lost, not waited for.
      this.missing += sample.i - this.next;
      ready.push(sample);
      this.next = sample.i + 1;
    }
    this.#gap = false;
    return [...ready, ...this.#drain(false)];
  }

  /** Gives up on the gap (the store does not have it): the held samples go on after it. */
  giveUp(): RunSample[] {
    this.#gap = false;
    return this.#drain(true);
  }

  #hold(sample: RunSample): void {
    const last = this.#pending[this.#pending.length - 1];
    if (!last || sample.i > last.i) this.#pending.push(sample);
    else if (!this.#pending.some((held) => held.i === sample.i)) {
      this.#pending.splice(
        this.#pending.findIndex((held) => held.i > sample.i),
        0,
        sample,
      );
    }
  }

  #drain(skipHoles: boolean): RunSample[] {
    const ready: RunSample[] = [];
    let at = 0;
    for (; at < this.#pending.length; at++) {
      const sample = this.#pending[at]!;
      if (sample.i < this.next) continue;
      if (sample.i > this.next && !skipHoles) break;
      this.missing += sample.i - this.next;
      ready.push(sample);
      this.next = sample.i + 1;
    }
    this.#pending = this.#pending.slice(at);
    return ready;
  }
}
