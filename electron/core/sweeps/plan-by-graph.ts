import type { Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { SweepPoint } from '../../../shared/sweep';
import type { Footprint } from './feasibility';
import type { ExpandedGrid, GridPoint } from './grid';
import type { SweepPhone } from './phone-selection';
import { buildKeyOf, planCancelled, planPoints, planSkipped } from './sweep-plan';

/** What planning a new sweep graph by graph works with. */
export interface GraphPlanning {
  sweepId: string;
  grid: ExpandedGrid;
  phones: readonly SweepPhone[];
  /** Builds a request's graphs (cached) and answers what they need resident. */
  footprint(request: Omit<RunRequest, 'device'>, signal: AbortSignal): Promise<Result<Footprint>>;
  /** Filled in as each graph is built: the loop's feasibility checks read it. */
  footprints: Map<string, Result<Footprint>>;
  /** Before each build: what is being built. */
  onBuild(request: Omit<RunRequest, 'device'>): void;
  /** Keeps a batch of planned points (in the store) before the loop gets it. */
  keep(points: readonly SweepPoint[]): void;
  signal: AbortSignal;
}

/** The grid's points by the graph they run, in grid order (points of one graph are adjacent). */
export function groupByGraph(points: readonly GridPoint[]): GridPoint[][] {
  const groups = new Map<string, GridPoint[]>();
  for (const point of points) {
    const key = buildKeyOf(point.request);
    const group = groups.get(key);
    if (group) group.push(point);
    else groups.set(key, [point]);
  }
  return [...groups.values()];
}

/**
 * A new sweep's points, one batch per distinct graph: the graph built (once), then its points
 * planned on every phone (pending, or infeasible with the numbers), so that the first runs start
 * while the other graphs build instead of waiting for all of them; the grid's skipped
 * combinations come last. Once `signal` aborts, the graphs not built yet are not built: their
 * points come cancelled, so that the sweep keeps its whole grid and a resume runs them.
 */
export async function* planByGraph(planning: GraphPlanning): AsyncGenerator<SweepPoint[]> {
  const { sweepId, phones, signal } = planning;
  for (const group of groupByGraph(planning.grid.points)) {
    const request = group[0]!.request;
    if (!signal.aborted) {
      planning.onBuild(request);
      const footprint = await planning.footprint(request, signal);
      if (!signal.aborted) planning.footprints.set(buildKeyOf(request), footprint);
    }
    const points = signal.aborted
      ? planCancelled(sweepId, group, phones)
      : planPoints(sweepId, group, phones, planning.footprints);
    planning.keep(points);
    yield points;
  }
  const skipped = planSkipped(sweepId, planning.grid, phones);
  if (skipped.length === 0) return;
  planning.keep(skipped);
  yield skipped;
}
