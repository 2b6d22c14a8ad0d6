import type { Result } from '../../../shared/result';
import type { SweepPoint } from '../../../shared/sweep';
import type { JobContext } from '../jobs/job-session';
import type { Footprint } from './feasibility';
import type { SweepPhone } from './phone-selection';
import { buildEach } from './plan-by-graph';
import type { SweepServiceDeps } from './scheduler';
import { decidePoint } from './sweep-plan';

// What a resume does to a stopped sweep's points before its loop runs them again: apart from
// scheduler.ts, which keeps to a sweep's life (start, resume, stop, progress).

/** What reopening a sweep's points works with: the store, the clean-up, the runs' states. */
type ReopenDeps = Pick<SweepServiceDeps, 'repo' | 'cleanUp' | 'runState'>;

/**
 * A stopped sweep's points, as a resume takes them up: the runners its dead runs left on their
 * phones are ended first (each line of what that did logged on the job), then every running or
 * cancelled point is reopened (`reopen`).
 */
export async function reopenPoints(
  deps: ReopenDeps,
  sweepId: string,
  context: Pick<JobContext, 'log'>,
): Promise<SweepPoint[]> {
  const points = deps.repo.points(sweepId);
  const done = await deps.cleanUp(points.filter((point) => point.status === 'running'));
  for (const line of done) context.log('info', line);
  for (const point of points) reopen(deps, point);
  return points;
}

/**
 * A point of a stopped sweep, as a resume takes it up: one whose last run finished keeps it;
 * an interrupted or cancelled one is pending again.
 */
function reopen(deps: ReopenDeps, point: SweepPoint): void {
  if (point.status !== 'running' && point.status !== 'cancelled') return;
  const last = point.runIds.at(-1);
  const finished = last !== undefined && deps.runState(last) === 'finished';
  const change = finished
    ? { status: 'finished' as const, reason: null }
    : {
        status: 'pending' as const,
        reason: point.status === 'running' ? 'interrupted: run again' : null,
      };
  Object.assign(point, change);
  deps.repo.updatePoint(point, change);
}

/**
 * A resumed sweep's graphs (found in the artifact cache, or built now for points cancelled
 * before theirs was), and its pending points checked against them.
 */
export async function recheckPending(
  deps: Pick<SweepServiceDeps, 'repo' | 'footprint'>,
  points: SweepPoint[],
  phones: readonly SweepPhone[],
  context: JobContext,
): Promise<Map<string, Result<Footprint>>> {
  const pending = points.filter((point) => point.status === 'pending');
  const footprints = await buildEach(
    pending.map((point) => point.request),
    (request, signal) => deps.footprint(request, signal),
    context,
  );
  for (const point of pending) {
    const phone = phones.find((each) => each.key === point.deviceKey);
    const change = decidePoint(footprints, point, phone);
    if (!change) continue;
    Object.assign(point, change);
    deps.repo.updatePoint(point, change);
  }
  return footprints;
}
