import type { Energy, MemoryBreakdown } from '../../../../shared/run-metrics';

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

/** Energy per token as `edge-studio run` words it: µAh with mJ beside, prefill then decode. */
export function formatEnergy(energy: Energy | null | undefined): string {
  if (!energy) return dash;
  const decode =
    energy.decodeUahPerToken === null || energy.decodeMjPerToken === null
      ? 'decode n/a'
      : `decode ${perToken(energy.decodeUahPerToken, energy.decodeMjPerToken)}`;
  const text = `prefill ${perToken(energy.prefillUahPerToken, energy.prefillMjPerToken)}, ${decode}`;
  return energy.charging ? `${text} (charging)` : text;
}

function perToken(uah: number, mj: number): string {
  return `${uah.toFixed(2)} µAh/tok (${mj.toFixed(2)} mJ/tok)`;
}

/** The breakdown's flag of weights resident twice in the peak, as `edge-studio run` words it. */
export const countedTwiceNote = 'weights counted twice (mapped pages and a packed copy)';

/** A breakdown's flags as `edge-studio run` prints them; empty when none holds. */
export function memoryFlags(memory: MemoryBreakdown | null | undefined): string[] {
  if (!memory) return [];
  return [
    memory.runtimeNegative ? 'runtime negative: weights and state overcount the peak' : '',
    memory.weightsCountedTwice ? countedTwiceNote : '',
  ].filter(Boolean);
}
