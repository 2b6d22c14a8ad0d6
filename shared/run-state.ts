import { z } from 'zod';

/** Lifecycle of a run or any other long job (see DESIGN.md "Shared vocabulary"). */
export const runStates = [
  'queued',
  'building',
  'pushing',
  'running',
  'stopping',
  'finished',
  'failed',
  'cancelled',
] as const;

export const runStateSchema = z.enum(runStates);
export type RunState = z.infer<typeof runStateSchema>;

const terminal: ReadonlySet<RunState> = new Set(['finished', 'failed', 'cancelled']);

/** The states a job is live in (queued … stopping): a studio that stops leaves these behind. */
export const liveRunStates: readonly RunState[] = runStates.filter((state) => !terminal.has(state));

const transitions: Record<RunState, readonly RunState[]> = {
  queued: ['building', 'pushing', 'running', 'cancelled', 'failed'],
  // A job that only builds (graph build) or only pushes ends where it works.
  building: ['pushing', 'running', 'stopping', 'finished', 'failed', 'cancelled'],
  pushing: ['running', 'stopping', 'finished', 'failed', 'cancelled'],
  running: ['stopping', 'finished', 'failed', 'cancelled'],
  stopping: ['cancelled', 'failed', 'finished'],
  finished: [],
  failed: [],
  cancelled: [],
};

/** True once a job can no longer change state. */
export function isTerminalRunState(state: RunState): boolean {
  return terminal.has(state);
}

/** True when a job may move from `from` to `to`. */
export function canTransition(from: RunState, to: RunState): boolean {
  return transitions[from].includes(to);
}
