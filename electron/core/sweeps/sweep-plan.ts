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
 * Grid points on every phone, as the sweep's points: pending where its graph fits the phone,
 * infeasible (with the numbers) where it does not, failed where its graph did not build. Pure.
 */
export function planPoints(
  sweepId: string,
  gridPoints: readonly GridPoint[],
  phones: readonly SweepPhone[],
  footprints: ReadonlyMap<string, Result<Footprint>>,
): SweepPoint[] {
  return phones.flatMap((phone) =>
    gridPoints.map(({ key, request }): SweepPoint => {
      const footprint = footprints.get(buildKeyOf(request));
      const reason = !footprint
        ? 'its graph was not built'
        : footprint.ok
          ? infeasibleReason(footprint.value, phone)
          : `its graph did not build: ${footprint.error.message}`;
      const status = !footprint?.ok ? 'failed' : reason === null ? 'pending' : 'infeasible';
      const placed = { ...request, device: phone.key };
      return { ...plannedOn(sweepId, phone), pointKey: key, request: placed, status, reason };
    }),
  );
}

/** Grid points on every phone, cancelled before their graph was built (the sweep was stopped). */
export function planCancelled(
  sweepId: string,
  gridPoints: readonly GridPoint[],
  phones: readonly SweepPhone[],
): SweepPoint[] {
  const reason = 'the sweep was stopped before its graph was built';
  return phones.flatMap((phone) =>
    gridPoints.map(({ key, request }): SweepPoint => {
      const placed = { ...request, device: phone.key };
      const status = 'cancelled';
      return { ...plannedOn(sweepId, phone), pointKey: key, request: placed, status, reason };
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
 * What a resumed point that is pending becomes once its graph is built again: infeasible or
 * failed as a new sweep would plan it (a point cancelled before its graph was built was never
 * checked), or null to run it. A phone no longer on the farm is left to the run to find. Pure.
 */
export function recheckPoint(
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
