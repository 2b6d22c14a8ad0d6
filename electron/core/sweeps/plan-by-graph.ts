import type { Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { SweepPoint } from '../../../shared/sweep';
import type { JobContext } from '../jobs/job-session';
import type { Footprint } from './feasibility';
import type { SweepPhone } from './phone-selection';
import { buildKeyOf, decidePoint } from './sweep-plan';

/** Builds a request's graphs (cached) and answers what they need resident. */
export type FootprintOf = (
  request: Omit<RunRequest, 'device'>,
  signal: AbortSignal,
) => Promise<Result<Footprint>>;

/** What building a new sweep's graphs one by one works with. */
export interface GraphBuilds {
  /** The sweep's points, all planned (pending until their graph is built). */
  points: readonly SweepPoint[];
  phones: readonly SweepPhone[];
  footprint: FootprintOf;
  /** Filled in as each graph is built: whether a point may run, and fits another phone. */
  footprints: Map<string, Result<Footprint>>;
  /** A point its graph rules out once built: infeasible on its phone, or failed to build. */
  onDecided(point: SweepPoint, change: Pick<SweepPoint, 'status' | 'reason'>): void;
  context: Pick<JobContext, 'signal' | 'log'>;
}

/** Items by the graph their request runs, in order of first appearance. */
export function groupByGraph<T extends { request: Omit<RunRequest, 'device'> }>(
  items: readonly T[],
): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = buildKeyOf(item.request);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/**
 * Builds a new sweep's distinct graphs one after another, in grid order, and yields each key
 * once built and its points decided (those it rules out told first), so that the sweep loop
 * runs a graph's points while the next graphs build instead of waiting for all of them. Builds
 * nothing more once the signal aborts: the loop cancels what has not run.
 */
export async function* buildByGraph(builds: GraphBuilds): AsyncGenerator<string> {
  const { context, footprints } = builds;
  const pending = builds.points.filter((point) => point.status === 'pending');
  for (const group of groupByGraph(pending)) {
    if (context.signal.aborted) return;
    const request = group[0]!.request;
    context.log('info', buildingLine(request));
    const footprint = await builds.footprint(request, context.signal);
    if (context.signal.aborted) return;
    const key = buildKeyOf(request);
    footprints.set(key, footprint);
    for (const point of group) {
      const phone = builds.phones.find((each) => each.key === point.deviceKey);
      const change = decidePoint(footprints, point, phone);
      if (change) builds.onDecided(point, change);
    }
    yield key;
  }
}

/**
 * Builds each distinct graph of `requests` once, one after another (a build takes every core it
 * can): a resumed sweep's, found in the artifact cache unless a stop came before it was built.
 */
export async function buildEach(
  requests: readonly Omit<RunRequest, 'device'>[],
  footprint: FootprintOf,
  context: Pick<JobContext, 'signal' | 'progress'>,
): Promise<Map<string, Result<Footprint>>> {
  const footprints = new Map<string, Result<Footprint>>();
  for (const request of requests) {
    const key = buildKeyOf(request);
    if (footprints.has(key) || context.signal.aborted) continue;
    context.progress(0, buildingLine(request));
    footprints.set(key, await footprint(request, context.signal));
  }
  return footprints;
}

/** The job's line for a graph being built. */
export function buildingLine(request: Omit<RunRequest, 'device'>): string {
  return `building ${request.quant} graphs for ${JSON.stringify(request.scenario)}`;
}
