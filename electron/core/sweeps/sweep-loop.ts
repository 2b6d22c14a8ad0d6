import type { ErrorCode, Result, StudioError } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { RunState } from '../../../shared/run-state';
import type { SweepPoint } from '../../../shared/sweep';
import { retryPhones, type SweepPhone } from './phone-selection';

/** How a run of the sweep ended. */
export interface RunEnd {
  state: RunState;
  error: StudioError | null;
}

/** What the loop starts runs with: RunService and the job registry, or a fake in tests. */
export interface RunStarter {
  start(request: RunRequest, sweepId: string): Result<{ runId: string }>;
  /** Resolves once the run has ended. */
  ended(runId: string): Promise<RunEnd>;
  stop(runId: string): void;
}

/** What one sweep's loop works on. Points are changed in place and each change reported. */
export interface LoopSetting {
  sweepId: string;
  points: SweepPoint[];
  /** The phones the sweep may use (the selector's), by key. */
  phones: readonly SweepPhone[];
  /** Whether a point fits a phone (its graph's weights + state within the phone's budget). */
  fits(point: SweepPoint, phone: SweepPhone): boolean;
  /** Runs lost to a phone going away are moved to another phone at most this many times. */
  retries: number;
  /** Runs at once, farm-wide for this sweep; never more than one per phone. */
  concurrency: number;
  runs: RunStarter;
  /**
   * A new sweep's graph builds, one step per graph built: a point waits until `ready` says its
   * graph is built, and the loop ends only once every build is done and what it let run ran.
   */
  builds?: AsyncIterator<unknown>;
  ready?(point: SweepPoint): boolean;
  onPoint(point: SweepPoint): void;
  signal: AbortSignal;
}

/** Failures of a phone rather than of the point: the point may still run on another phone. */
const phoneLost: ReadonlySet<ErrorCode> = new Set(['device-lost', 'disconnected', 'not-found']);

/**
 * Runs a sweep's pending points to their end: one run per phone at a time, at most
 * `concurrency` at once, in planned order per phone; a run lost with its phone moves to another
 * eligible phone (up to `retries` times). Once `signal` aborts, live runs are stopped and what
 * has not run is cancelled. Resolves once the graph builds are done and no run of the sweep is
 * live.
 */
export async function runSweepLoop(setting: LoopSetting): Promise<void> {
  const live = new Map<string, { point: SweepPoint; end: Promise<RunEnd> }>();
  const busy = new Set<string>();
  const onAbort = () => {
    for (const runId of live.keys()) setting.runs.stop(runId);
  };
  setting.signal.addEventListener('abort', onAbort, { once: true });
  let building = nextBuild(setting.builds);
  try {
    for (;;) {
      if (!setting.signal.aborted) dispatch(setting, live, busy);
      if (live.size === 0 && building === null) break;
      const next = await Promise.race([
        ...[...live].map(([runId, { end }]) => end.then((value) => ({ runId, end: value }))),
        ...(building ? [building] : []),
      ]);
      if ('built' in next) {
        building = next.built ? nextBuild(setting.builds) : null;
        continue;
      }
      const { point } = live.get(next.runId)!;
      live.delete(next.runId);
      busy.delete(point.deviceKey);
      settle(setting, point, next.end);
    }
  } finally {
    setting.signal.removeEventListener('abort', onAbort);
  }
  for (const point of setting.points.filter((each) => each.status === 'pending')) {
    change(setting, point, { status: 'cancelled', reason: 'the sweep was stopped' });
  }
}

/** The next graph build's end; `built: false` once there are no more. */
function nextBuild(builds: AsyncIterator<unknown> | undefined): Promise<{ built: boolean }> | null {
  return builds ? builds.next().then((step) => ({ built: !step.done })) : null;
}

/** Starts the next pending point of each free phone while the cap allows. */
function dispatch(
  setting: LoopSetting,
  live: Map<string, { point: SweepPoint; end: Promise<RunEnd> }>,
  busy: Set<string>,
): void {
  for (const point of setting.points) {
    if (live.size >= setting.concurrency) return;
    if (point.status !== 'pending' || busy.has(point.deviceKey)) continue;
    if (setting.ready && !setting.ready(point)) continue;
    const started = setting.runs.start(point.request, setting.sweepId);
    if (!started.ok) {
      change(setting, point, { status: 'failed', reason: started.error.message });
      continue;
    }
    const { runId } = started.value;
    busy.add(point.deviceKey);
    live.set(runId, { point, end: setting.runs.ended(runId) });
    change(setting, point, { status: 'running', runIds: [...point.runIds, runId] });
  }
}

/** What a point becomes once its run ended. */
function settle(setting: LoopSetting, point: SweepPoint, end: RunEnd): void {
  const reason = end.error?.message ?? null;
  if (end.state === 'finished') return change(setting, point, { status: 'finished', reason: null });
  if (end.state === 'cancelled' || setting.signal.aborted) {
    return change(setting, point, { status: 'cancelled', reason: reason ?? 'stopped' });
  }
  if (!end.error || !phoneLost.has(end.error.code)) {
    return change(setting, point, { status: 'failed', reason });
  }
  moveElsewhere(setting, point, end.error);
}

/** A point lost with its phone: to the least loaded other eligible phone (a twin on ties), or failed. */
function moveElsewhere(setting: LoopSetting, point: SweepPoint, error: StudioError): void {
  const attempts = point.attempts + 1;
  const lost = setting.phones.find((phone) => phone.key === point.deviceKey);
  const candidates = lost
    ? retryPhones(lost, setting.phones, (phone) => setting.fits(point, phone))
    : [];
  if (attempts > setting.retries || candidates.length === 0) {
    const why =
      attempts > setting.retries ? `after ${point.attempts} retries` : 'no other phone fits';
    return change(setting, point, {
      status: 'failed',
      attempts,
      reason: `${error.message} (${why})`,
    });
  }
  const load = (key: string) =>
    setting.points.filter((each) => each.deviceKey === key && each.status === 'pending').length;
  const [target] = [...candidates].sort((a, b) => load(a.key) - load(b.key));
  change(setting, point, {
    status: 'pending',
    attempts,
    deviceKey: target!.key,
    request: { ...point.request, device: target!.key },
    reason: `moved from ${point.deviceKey}: ${error.message}`,
  });
}

function change(setting: LoopSetting, point: SweepPoint, fields: Partial<SweepPoint>): void {
  Object.assign(point, fields);
  setting.onPoint(point);
}
