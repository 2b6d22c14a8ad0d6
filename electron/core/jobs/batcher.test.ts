import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Batch } from '../../../shared/stream-batch';
import { stableJson, StreamBatcher } from './batcher';

interface Phone {
  key: string;
  battery: number;
}

let batches: Batch<Phone>[];
const collect = (batch: Batch<Phone>) => void batches.push(batch);

beforeEach(() => {
  vi.useFakeTimers();
  batches = [];
});
afterEach(() => vi.useRealTimers());

describe('StreamBatcher', () => {
  it('flushes a burst as one batch, the latest item of each key, numbered from 1', () => {
    const batcher = new StreamBatcher(collect, { keyOf: (phone: Phone) => phone.key });
    for (let level = 0; level < 100; level++) batcher.push({ key: 'a', battery: level });
    batcher.push({ key: 'b', battery: 5 });
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([
      {
        seq: 1,
        items: [
          { key: 'a', battery: 99 },
          { key: 'b', battery: 5 },
        ],
      },
    ]);
  });

  it('flushes at most every 50 ms', () => {
    const batcher = new StreamBatcher(collect, { keyOf: (phone: Phone) => phone.key });
    for (let ms = 0; ms < 1000; ms += 5) {
      batcher.push({ key: 'a', battery: ms });
      vi.advanceTimersByTime(5);
    }
    expect(batches.length).toBeGreaterThanOrEqual(19);
    expect(batches.length).toBeLessThanOrEqual(21);
    expect(batches.map((batch) => batch.seq)).toEqual(batches.map((_, i) => i + 1));
  });

  it('sends nothing while nothing changes, nor for a change undone before the flush', () => {
    const batcher = new StreamBatcher(collect, { keyOf: (phone: Phone) => phone.key });
    batcher.push({ key: 'a', battery: 80 });
    vi.advanceTimersByTime(100);
    for (let second = 0; second < 5; second++) {
      batcher.push({ battery: 80, key: 'a' });
      vi.advanceTimersByTime(1000);
    }
    batcher.push({ key: 'a', battery: 79 });
    batcher.push({ key: 'a', battery: 80 });
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps every item of an unkeyed stream, the newest `maxPending` when it overflows', () => {
    const batcher = new StreamBatcher(collect, { maxPending: 3 });
    for (let level = 0; level < 5; level++) batcher.push({ key: 'a', battery: level });
    vi.advanceTimersByTime(0);
    expect(batches[0]?.items.map((item) => item.battery)).toEqual([2, 3, 4]);
  });

  it('sends nothing once stopped', () => {
    const batcher = new StreamBatcher(collect);
    batcher.push({ key: 'a', battery: 1 });
    batcher.stop();
    batcher.push({ key: 'a', battery: 2 });
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([]);
  });
});

describe('stableJson', () => {
  it('is the same for the same value whatever the key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe(
      stableJson({ a: { c: null, d: [1, { e: 2, f: 1 }] }, b: 1 }),
    );
  });
});
