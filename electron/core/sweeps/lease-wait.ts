/** How a sweep waits for a phone leased by someone else (another studio, a teammate's CLI). */
export interface LeaseBackoff {
  /** The first wait after a refusal (default 2 s); each refusal in a row doubles it… */
  firstMs: number;
  /** …up to this (default 15 s). */
  maxMs: number;
  /**
   * A phone refused for this long in a row (default 30 min) is given up on: the point refused
   * then fails, as does each later point of the phone refused before it runs again.
   */
  giveUpMs: number;
}

/** The sweep's default back-off on a leased phone. */
export const defaultLeaseBackoff: LeaseBackoff = {
  firstMs: 2000,
  maxMs: 15_000,
  giveUpMs: 30 * 60_000,
};

/** What a refusal decided: wait until `until`, or give up after `waitedMs`. */
export type LeaseRefusal = { giveUp: false; until: number } | { giveUp: true; waitedMs: number };

interface PhoneWait {
  /** When the phone's refusals in a row began. */
  since: number;
  delayMs: number;
  until: number;
}

/**
 * The phones of a sweep that another owner's lease refused, each backing off until its next
 * try. A wait is not a retry: it is counted apart from the runs lost with a phone. Pure but for
 * its own map (times are passed in).
 */
export class LeaseWaits {
  readonly #waits = new Map<string, PhoneWait>();
  readonly #backoff: LeaseBackoff;

  constructor(backoff: LeaseBackoff = defaultLeaseBackoff) {
    this.#backoff = backoff;
  }

  /** A run on `phone` was refused its lease at `now`: when to try again, or give up. */
  refused(phone: string, now: number): LeaseRefusal {
    const { firstMs, maxMs, giveUpMs } = this.#backoff;
    const last = this.#waits.get(phone);
    const since = last?.since ?? now;
    if (now - since >= giveUpMs) return { giveUp: true, waitedMs: now - since };
    const delayMs = last ? Math.min(maxMs, last.delayMs * 2) : Math.min(maxMs, firstMs);
    this.#waits.set(phone, { since, delayMs, until: now + delayMs });
    return { giveUp: false, until: now + delayMs };
  }

  /** A run on `phone` got past its lease (or ended otherwise): its back-off starts over. */
  cleared(phone: string): void {
    this.#waits.delete(phone);
  }

  /** Forgets the waits of phones not in `phones` (nothing of theirs is pending any more). */
  keepOnly(phones: ReadonlySet<string>): void {
    for (const phone of this.#waits.keys()) if (!phones.has(phone)) this.#waits.delete(phone);
  }

  /** Whether `phone` is backing off at `now` (no run is started on it until then). */
  backingOff(phone: string, now: number): boolean {
    return (this.#waits.get(phone)?.until ?? 0) > now;
  }

  /** Those of `phones` whose back-off ran out at `now` but that were not cleared since. */
  due(phones: Iterable<string>, now: number): string[] {
    const due = new Set<string>();
    for (const phone of phones) {
      const wait = this.#waits.get(phone);
      if (wait && wait.until <= now) due.add(phone);
    }
    return [...due];
  }

  /** When the first of `phones` that is backing off may be tried again; null when none is. */
  nextTry(phones: Iterable<string>, now: number): number | null {
    let next: number | null = null;
    for (const phone of phones) {
      const until = this.#waits.get(phone)?.until ?? 0;
      if (until > now && (next === null || until < next)) next = until;
    }
    return next;
  }
}
