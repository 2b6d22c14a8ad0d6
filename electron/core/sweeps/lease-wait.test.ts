import { describe, expect, it } from 'vitest';
import { defaultLeaseBackoff, LeaseWaits } from './lease-wait';

describe('LeaseWaits', () => {
  it('backs a refused phone off 2 s, doubling to 15 s, and starts over once it got a lease', () => {
    const waits = new LeaseWaits();
    let now = 1000;
    const delays: number[] = [];
    for (let refusal = 0; refusal < 5; refusal++) {
      const next = waits.refused('p1', now);
      if (next.giveUp) throw new Error('gave up early');
      delays.push(next.until - now);
      expect(waits.backingOff('p1', next.until - 1)).toBe(true);
      now = next.until;
    }
    expect(delays).toEqual([2000, 4000, 8000, 15_000, 15_000]);
    expect(waits.backingOff('p1', now)).toBe(false);
    waits.cleared('p1');
    expect(waits.refused('p1', now)).toEqual({ giveUp: false, until: now + 2000 });
  });

  it('gives up on a phone refused for giveUpMs in a row', () => {
    const waits = new LeaseWaits();
    expect(waits.refused('p1', 0).giveUp).toBe(false);
    expect(waits.refused('p1', defaultLeaseBackoff.giveUpMs - 1).giveUp).toBe(false);
    expect(waits.refused('p1', defaultLeaseBackoff.giveUpMs)).toEqual({
      giveUp: true,
      waitedMs: defaultLeaseBackoff.giveUpMs,
    });
  });

  it('says when the first of the phones asked about may be tried again', () => {
    const waits = new LeaseWaits({ firstMs: 10, maxMs: 100, giveUpMs: 1000 });
    waits.refused('p1', 0);
    waits.refused('p2', 5);
    expect(waits.nextTry(['p1', 'p2'], 0)).toBe(10);
    expect(waits.nextTry(['p2', 'p3'], 0)).toBe(15);
    // A phone whose wait is over, or that is not asked about, wakes nobody.
    expect(waits.nextTry(['p1'], 10)).toBeNull();
    expect(waits.nextTry(['p3'], 0)).toBeNull();
  });

  it('forgets the waits of phones left with nothing pending', () => {
    const waits = new LeaseWaits();
    waits.refused('p1', 0);
    waits.refused('p2', 0);
    waits.keepOnly(new Set(['p2']));
    expect(waits.backingOff('p1', 1)).toBe(false);
    expect(waits.backingOff('p2', 1)).toBe(true);
    // p1's refusals start over: its first wait again, not a give-up from the old start.
    expect(waits.refused('p1', defaultLeaseBackoff.giveUpMs)).toEqual({
      giveUp: false,
      until: defaultLeaseBackoff.giveUpMs + defaultLeaseBackoff.firstMs,
    });
  });
});
