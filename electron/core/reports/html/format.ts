import type { Energy } from '../../../../shared/run-metrics';
import { energyPerToken } from '../../../../shared/run-words';

/** How reports write numbers: fixed units, a dash for what was not measured. Pure. */

const mebibyte = 1024 * 1024;

export const dash = '–';

/** Milliseconds: one decimal under 100 ms, whole above. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return dash;
  return `${ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
}

/** Bytes as MiB, one decimal. */
export function formatMib(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return dash;
  return `${(bytes / mebibyte).toFixed(1)} MiB`;
}

/** A number with `digits` decimals, or a dash. */
export function formatNumber(value: number | null | undefined, digits = 1, unit = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return dash;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** A relative change as a signed percentage (−18.2 %). */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return dash;
  const percent = (change * 100).toFixed(1);
  return `${change > 0 ? '+' : change < 0 ? '−' : ''}${percent.replace('-', '')} %`;
}

/** A time as UTC, to the second. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return dash;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Energy per token as `edge-studio run` words it (`energyPerToken`), `(charging)` flagged. */
export function formatEnergy(energy: Energy | null | undefined): string {
  if (!energy) return dash;
  const text = energyPerToken(energy);
  return energy.charging ? `${text} (charging)` : text;
}
