import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunState } from '../../../shared/run-state';
import type { StudioError } from '../../../shared/result';
import {
  sweepInterruptedError as interruptedError,
  wasInterrupted,
  type SweepDetails,
} from '../../../shared/sweep';
import { canResume, SweepProgressView } from './sweep-progress-view';
import { fakeSweep, progressOf } from './testing-sweep';

afterEach(cleanup);

/** A sweep of four points, one finished and one running when its state became `state`. */
function sweepCutOff(state: RunState, error: StudioError | null): SweepDetails {
  const started = progressOf(fakeSweep('sweep-1', ['p1', 'p2'], [16, 32]), 0, 'finished');
  const { details } = progressOf(started.details, 2, 'running');
  return { ...details, sweep: { ...details.sweep, state, error, endedAt: null } };
}

function show(details: SweepDetails) {
  const onStop = vi.fn();
  const onResume = vi.fn();
  render(
    <SweepProgressView
      details={details}
      phoneName={(key) => key}
      onStop={onStop}
      onResume={onResume}
    />,
  );
  return { onStop, onResume, region: screen.getByRole('region', { name: 'Sweep progress' }) };
}

describe('an interrupted sweep in the progress view', () => {
  it('offers Resume, not Stop, says its studio stopped, and ticks no ETA', () => {
    const { onResume, region } = show(sweepCutOff('failed', interruptedError));
    expect(screen.queryByRole('button', { name: 'Stop sweep' })).toBeNull();
    expect(region.textContent).not.toContain('ETA');
    expect(region.textContent).toContain('1 interrupted');
    const statuses = [...region.querySelectorAll('table.sweep-points tbody tr')].map((row) =>
      row.getAttribute('data-status'),
    );
    expect(statuses).toEqual(['finished', 'pending', 'interrupted', 'pending']);
    expect(screen.getByTestId('sweep-interrupted').textContent).toBe(
      'Interrupted: the studio running it stopped; Resume continues it, keeping its finished runs.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Resume sweep' }));
    expect(onResume).toHaveBeenCalledOnce();
  });

  it('while it still runs (or runs again after a resume): Stop and ETA, no Resume, no line', () => {
    const { onStop, region } = show(sweepCutOff('running', interruptedError));
    expect(screen.queryByRole('button', { name: 'Resume sweep' })).toBeNull();
    expect(screen.queryByTestId('sweep-interrupted')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(region.textContent).toContain('ETA');
    expect(region.textContent).toContain('1 running');
    expect(region.querySelectorAll('table.sweep-points tr[data-status="running"]')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Stop sweep' }));
    expect(onStop).toHaveBeenCalledOnce();
  });

  it("counts a resumed sweep's ETA from when it was seen again, not from its first start", () => {
    // Started a day ago, 1 of 4 run then; resumed now.
    const resumed = sweepCutOff('running', null);
    const dayAgo = { ...resumed, sweep: { ...resumed.sweep, createdAt: Date.now() - 86_400_000 } };
    const { region } = show(dayAgo);
    expect(region.textContent).toContain('ETA after its next run');
    expect(region.textContent).not.toMatch(/ETA \d+ h/);
  });

  it('is told from a sweep stopped by hand or failed, and resumes only with points left', () => {
    const stopped = sweepCutOff('cancelled', { code: 'cancelled', message: 'stopped' });
    expect(wasInterrupted(stopped.sweep)).toBe(false);
    expect(canResume(stopped)).toBe(true);
    const failed = sweepCutOff('failed', { code: 'device-lost', message: 'gone' });
    expect(wasInterrupted(failed.sweep)).toBe(false);
    show(failed);
    expect(screen.getByRole('alert').textContent).toBe('gone');
    cleanup();
    // Cut off after its last point ended, before its end was stored: nothing left to resume.
    let done = sweepCutOff('running', null);
    for (const index of [1, 2, 3]) done = progressOf(done, index, 'finished').details;
    const ended = {
      ...done,
      sweep: { ...done.sweep, state: 'failed' as const, error: interruptedError },
    };
    expect(wasInterrupted(ended.sweep)).toBe(true);
    expect(canResume(ended)).toBe(false);
    show(ended);
    expect(screen.getByTestId('sweep-interrupted').textContent).toBe(
      'Interrupted: the studio running it stopped.',
    );
    expect(screen.queryByRole('button', { name: 'Resume sweep' })).toBeNull();
  });
});
