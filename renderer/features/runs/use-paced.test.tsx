import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextSlotIn, turnGapMs, usePaced } from './use-paced';

function Shown({ value, paceMs, phaseMs }: { value: number; paceMs?: number; phaseMs?: number }) {
  return <output>{usePaced(value, paceMs, phaseMs)}</output>;
}

describe('usePaced', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => void vi.useRealTimers());

  it('counts to the next slot of its phase', () => {
    expect(nextSlotIn(0, 500, 0)).toBe(500);
    expect(nextSlotIn(120, 500, 0)).toBe(380);
    expect(nextSlotIn(120, 500, 200)).toBe(80);
    expect(nextSlotIn(1_000_250, 500, 300)).toBe(50);
  });

  it('follows at once unpaced, and paced only on its slots, with the latest value', () => {
    const view = render(<Shown value={1} />);
    view.rerender(<Shown value={2} />);
    expect(view.container.textContent).toBe('2');
    view.rerender(<Shown value={3} paceMs={500} phaseMs={100} />);
    expect(view.container.textContent).toBe('1'); // what it held when pacing began
    act(() => void vi.advanceTimersByTime(60));
    view.rerender(<Shown value={4} paceMs={500} phaseMs={100} />);
    act(() => void vi.advanceTimersByTime(39));
    expect(view.container.textContent).toBe('1');
    act(() => void vi.advanceTimersByTime(1));
    expect(view.container.textContent).toBe('4');
    view.rerender(<Shown value={5} paceMs={500} phaseMs={100} />);
    act(() => void vi.advanceTimersByTime(499));
    expect(view.container.textContent).toBe('4');
    act(() => void vi.advanceTimersByTime(1));
    expect(view.container.textContent).toBe('5');
    view.rerender(<Shown value={6} />);
    expect(view.container.textContent).toBe('6');
  });

  it('moves paced values that come due together (one slot, or a busy tab) one turn apart', () => {
    const both = (value: number) => (
      <>
        <Shown value={value} paceMs={500} phaseMs={0} />
        <Shown value={value} paceMs={500} phaseMs={0} />
      </>
    );
    vi.setSystemTime(10_000);
    const view = render(both(1));
    view.rerender(both(2));
    act(() => void vi.advanceTimersByTime(500));
    expect(view.container.textContent).toBe('21');
    act(() => void vi.advanceTimersByTime(turnGapMs - 1));
    expect(view.container.textContent).toBe('21');
    act(() => void vi.advanceTimersByTime(1));
    expect(view.container.textContent).toBe('22');
  });
});
