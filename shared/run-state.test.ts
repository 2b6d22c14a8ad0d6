import { describe, expect, it } from 'vitest';
import { canTransition, isTerminalRunState, runStateSchema, runStates } from './run-state';

describe('run state', () => {
  it('has the states of the design in order', () => {
    expect(runStates).toEqual([
      'queued',
      'building',
      'pushing',
      'running',
      'stopping',
      'finished',
      'failed',
      'cancelled',
    ]);
  });

  it('never leaves a terminal state', () => {
    for (const from of runStates.filter(isTerminalRunState)) {
      for (const to of runStates) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('allows the happy path and stopping', () => {
    expect(canTransition('queued', 'building')).toBe(true);
    expect(canTransition('pushing', 'running')).toBe(true);
    expect(canTransition('running', 'stopping')).toBe(true);
    expect(canTransition('stopping', 'cancelled')).toBe(true);
    expect(canTransition('finished', 'running')).toBe(false);
    expect(canTransition('running', 'queued')).toBe(false);
  });

  it('rejects unknown states', () => {
    expect(runStateSchema.safeParse('paused').success).toBe(false);
  });
});
