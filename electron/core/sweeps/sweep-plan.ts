import type { Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import type { SweepPoint } from '../../../shared/sweep';
import type { ExpandedGrid } from './grid';
import { infeasibleReason, type Footprint } from './feasibility';
import type { SweepPhone } from './phone-selection';

/** The graph a request runs: requests with the same key share one build. */
export function buildKeyOf(request: Omit<RunRequest, 'device'>): string {
  const { model, scenario, quant, calibration, keepFloat, quantizeHead } = request;
  return JSON.stringify({ model, scenario, quant, calibration, keepFloat, quantizeHead });
}

/**
 * Every grid point on every phone, as the sweep's points: pending where its graph fits the
 * phone, infeasible (with the numbers) where it does not, failed where its graph did not build,
 * skipped for the grid's invalid combinations (planned on every phone, so counts add up). Pure.
 */
export function planPoints(
  sweepId: string,
  grid: ExpandedGrid,
  phones: readonly SweepPhone[],
  footprints: ReadonlyMap<string, Result<Footprint>>,
): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const phone of phones) {
    const base = {
      sweepId,
      plannedDevice: phone.key,
      deviceKey: phone.key,
      runIds: [],
      attempts: 0,
    };
    for (const { key, request } of grid.points) {
      const footprint = footprints.get(buildKeyOf(request));
      const reason = !footprint
        ? 'its graph was not built'
        : footprint.ok
          ? infeasibleReason(footprint.value, phone)
          : `its graph did not build: ${footprint.error.message}`;
      const status = !footprint?.ok ? 'failed' : reason === null ? 'pending' : 'infeasible';
      points.push({
        ...base,
        pointKey: key,
        request: { ...request, device: phone.key },
        status,
        reason,
      });
    }
  }
  for (const phone of phones) {
    const base = {
      sweepId,
      plannedDevice: phone.key,
      deviceKey: phone.key,
      runIds: [],
      attempts: 0,
    };
    const placeholder = grid.points[0]?.request;
    for (const { key, reason } of grid.skipped) {
      if (!placeholder) break;
      // A skipped combination has no valid request: it keeps the first point's, never run.
      const request = { ...placeholder, device: phone.key };
      points.push({ ...base, pointKey: key, request, status: 'skipped', reason });
    }
  }
  return points;
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
