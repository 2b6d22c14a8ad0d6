import { describe, expect, it } from 'vitest';
import { appendBounded } from './bounded-buffer';
import { FrameStore } from './frame-store';

/** A frame clock the test advances by hand. */
function manualFrames() {
  let queued: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => void queued.push(callback),
    pending: () => queued.length,
    frame: () => {
      const run = queued;
      queued = [];
      for (const callback of run) callback();
    },
  };
}

describe('FrameStore', () => {
  it('tells its readers once per frame however many changes the frame had', () => {
    const frames = manualFrames();
    const store = new FrameStore(0, frames.schedule);
    let told = 0;
    store.subscribe(() => told++);
    for (let n = 1; n <= 500; n++) store.update(() => n);
    expect(frames.pending()).toBe(1);
    expect(store.getSnapshot()).toBe(0);
    expect(store.current).toBe(500);
    frames.frame();
    expect([told, store.getSnapshot()]).toEqual([1, 500]);
    frames.frame();
    expect(told).toBe(1);
    store.update((n) => n + 1);
    frames.frame();
    expect([told, store.getSnapshot()]).toEqual([2, 501]);
  });

  it('keeps the same snapshot and tells no one when a frame undid its changes', () => {
    const frames = manualFrames();
    const initial = { phones: 1 };
    const store = new FrameStore(initial, frames.schedule);
    let told = 0;
    const off = store.subscribe(() => told++);
    store.update(() => ({ phones: 2 }));
    store.update(() => initial);
    frames.frame();
    expect([told, store.getSnapshot()]).toEqual([0, initial]);
    off();
    store.update(() => ({ phones: 3 }));
    frames.frame();
    expect(told).toBe(0);
  });
});

describe('appendBounded', () => {
  it('keeps the newest items up to its capacity', () => {
    let buffer: number[] = [];
    for (let n = 0; n < 1000; n++) buffer = appendBounded(buffer, [n], 120);
    expect(buffer).toHaveLength(120);
    expect([buffer[0], buffer.at(-1)]).toEqual([880, 999]);
    expect(appendBounded([1, 2], [3, 4, 5, 6], 3)).toEqual([4, 5, 6]);
    expect(appendBounded([1, 2, 3], [4], 3)).toEqual([2, 3, 4]);
    expect(appendBounded([], [], 3)).toEqual([]);
  });
});
