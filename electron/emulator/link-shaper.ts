/** Fault-injection and shaping knobs of one phone's link (all connections share them). */
export interface LinkKnobs {
  /** Cap in bytes per second for each direction; 0 = unlimited. */
  bytesPerSecond: number;
  /** Delay added to every packet the phone sends, in ms. */
  latencyMs: number;
  /** Drop every connection once this many bytes crossed the link (both ways); 0 = never. */
  dropAfterBytes: number;
}

/** Default knobs: an unshaped, reliable link. */
export function defaultLinkKnobs(): LinkKnobs {
  return { bytesPerSecond: 0, latencyMs: 0, dropAfterBytes: 0 };
}

/**
 * Schedules traffic under the knobs: a token bucket per direction and a fixed added latency.
 * `delayFor` answers how long to hold `size` bytes before they may pass.
 */
export class LinkShaper {
  private nextFree = { in: 0, out: 0 };
  private transferred = 0;

  constructor(private readonly knobs: LinkKnobs) {}

  /** Milliseconds to wait before `size` bytes may cross in `direction`. */
  delayFor(direction: 'in' | 'out', size: number, now = Date.now()): number {
    const extra = direction === 'out' ? this.knobs.latencyMs : 0;
    const rate = this.knobs.bytesPerSecond;
    if (rate <= 0) return extra;
    const start = Math.max(now, this.nextFree[direction]);
    this.nextFree[direction] = start + (size * 1000) / rate;
    return Math.max(0, this.nextFree[direction] - now) + extra;
  }

  /** Counts bytes; false once the link should drop. */
  count(size: number): boolean {
    this.transferred += size;
    const limit = this.knobs.dropAfterBytes;
    return limit <= 0 || this.transferred <= limit;
  }

  /** Bytes counted since the phone came up or the counter was reset. */
  get bytesTransferred(): number {
    return this.transferred;
  }

  resetCounter(): void {
    this.transferred = 0;
  }
}
