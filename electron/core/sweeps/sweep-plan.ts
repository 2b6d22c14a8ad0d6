import type { Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { SweepPoint } from '../../../shared/sweep';
import type { ExpandedGrid, GridPoint } from './grid';
import { infeasibleReason, type Footprint } from './feasibility';
import type { SweepPhone } from './phone-selection';

/** The graph a request runs: requests with the same key share one build. */
export function buildKeyOf(request: Omit<RunRequest, 'device'>): string {
  const { model, scenario, quant, calibration, keepFloat, quantizeHead } = request;
  return JSON.stringify({ model, scenario, quant, calibration, keepFloat, quantizeHead });
}

/** What a point planned on a phone starts with. */
function plannedOn(sweepId: string, phone: SweepPhone) {
  return { sweepId, plannedDevice: phone.key, deviceKey: phone.key, runIds: [], attempts: 0 };
}

/**
 * Every grid point on every phone, as the sweep's points, pending: each runs once its graph is
 * built and found to fit the phone (`decidePoint`). Planned at once, so the sweep's size is known
 * from its start while its graphs build one by one. Pure.
 */
export function planPending(
  sweepId: string,
  gridPoints: readonly GridPoint[],
  phones: readonly SweepPhone[],
): SweepPoint[] {
  return phones.flatMap((phone) =>
    gridPoints.map(({ key, request }): SweepPoint => {
      const placed = { ...request, device: phone.key };
      const status = 'pending';
      return { ...plannedOn(sweepId, phone), pointKey: key, request: placed, status, reason: null };
    }),
  );
}

/**
 * The grid's invalid combinations on every phone, skipped (planned everywhere, so counts add
 * up). A skipped combination has no valid request: it keeps the grid's first point's, never run.
 */
export function planSkipped(
  sweepId: string,
  grid: ExpandedGrid,
  phones: readonly SweepPhone[],
): SweepPoint[] {
  const placeholder = grid.points[0]?.request;
  if (!placeholder) return [];
  return phones.flatMap((phone) =>
    grid.skipped.map(({ key, reason }): SweepPoint => {
      const request = { ...placeholder, device: phone.key };
      const status = 'skipped';
      return { ...plannedOn(sweepId, phone), pointKey: key, request, status, reason };
    }),
  );
}

/** Whether a point's graph fits a phone (a phone of unknown RAM is not ruled out). */
export function fitsPhone(
  footprints: ReadonlyMap<string, Result<Footprint>>,
  point: SweepPoint,
  phone: SweepPhone,
): boolean {
  const footprint = footprints.get(buildKeyOf(point.request));
  return footprint?.ok === true && infeasibleReason(footprint.value, phone) === null;
}

/**
 * What a pending point becomes once its graph is built: infeasible (weights + state over the
 * phone's budget, with the numbers) or failed (its graph did not build), or null to run it. A
 * phone no longer on the farm is left to the run to find out. Pure.
 */
export function decidePoint(
  footprints: ReadonlyMap<string, Result<Footprint>>,
  point: SweepPoint,
  phone: SweepPhone | undefined,
): Pick<SweepPoint, 'status' | 'reason'> | null {
  const footprint = footprints.get(buildKeyOf(point.request));
  if (!footprint) return null;
  if (!footprint.ok) {
    return { status: 'failed', reason: `its graph did not build: ${footprint.error.message}` };
  }
  const reason = phone ? infeasibleReason(footprint.value, phone) : null;
  return reason === null ? null : { status: 'infeasible', reason };
}
