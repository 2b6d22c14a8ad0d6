import { useEffect, useState } from 'react';

/** Milliseconds between two wall-clock slots of `phaseMs` mod `paceMs`, from `now` to the next. */
export function nextSlotIn(now: number, paceMs: number, phaseMs: number): number {
  const into = (((now - phaseMs) % paceMs) + paceMs) % paceMs;
  return paceMs - into;
}

/** The least time between two paced values moving on, ms (see `usePaced`). */
export const turnGapMs = 40;
/** When a paced value of this window last moved on (all paced values take turns). */
let lastTurn = Number.NEGATIVE_INFINITY;

/**
 * `value`, followed at most once every `paceMs` while pacing (a live run's charts), at once
 * when `paceMs` is undefined (a run that ended, a report). A paced value moves on the wall-clock
 * slots `phaseMs` mod `paceMs`, so readers with different phases redraw in different tasks: a
 * browser tab that draws every chart of a run in one task, every frame, is too busy to read its
 * socket in time (stream-latency) or to keep its frame rate (chart-1m). Slots that come due
 * together (the tab was busy) still move on `turnGapMs` apart, not in one render.
 */
export function usePaced<T>(value: T, paceMs: number | undefined, phaseMs = 0): T {
  const [shown, setShown] = useState(() => value);
  useEffect(() => {
    if (paceMs === undefined || shown === value) return;
    // Each new value re-arms the timer for the same slot: the slot's value is the latest.
    let timer = setTimeout(
      function turn() {
        const now = performance.now();
        const wait = lastTurn + turnGapMs - now;
        // A clock behind the last turn is a test's fresh fake clock: no turn to wait for.
        if (wait > 0 && now >= lastTurn) return void (timer = setTimeout(turn, wait));
        lastTurn = now;
        setShown(() => value);
      },
      nextSlotIn(performance.now(), paceMs, phaseMs),
    );
    return () => clearTimeout(timer);
  }, [value, shown, paceMs, phaseMs]);
  return paceMs === undefined ? value : shown;
}
