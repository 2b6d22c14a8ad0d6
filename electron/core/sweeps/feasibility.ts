import type { SweepPhone } from './phone-selection';

/** What one built graph needs resident on a phone. */
export interface Footprint {
  /** The artifact's weights file (or graphs with weights inline), bytes. */
  weightsBytes: number;
  /** KV cache + memory state of the scenario, bytes (the build's kvCacheBytes + memoryStateBytes). */
  stateBytes: number;
}

/**
 * The share of a phone's RAM (MemTotal) a run may plan to use: Android keeps the rest for the
 * system, the launcher and the apps it will not kill, and the low-memory killer acts well before
 * MemTotal is reached; half leaves room for the runtime's own arenas on top of weights and state.
 */
export const ramBudgetFraction = 0.5;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** A phone's RAM budget in bytes; null when its RAM is unknown. Pure. */
export function ramBudgetBytes(phone: Pick<SweepPhone, 'ramKb'>): number | null {
  return phone.ramKb === null ? null : Math.floor(phone.ramKb * 1024 * ramBudgetFraction);
}

/**
 * Why a graph cannot fit a phone (weights + state over its RAM budget), or null when it fits. A
 * phone whose RAM could not be read is not ruled out: the run itself finds out. Pure.
 */
export function infeasibleReason(
  footprint: Footprint,
  phone: Pick<SweepPhone, 'ramKb'>,
): string | null {
  const budget = ramBudgetBytes(phone);
  const needed = footprint.weightsBytes + footprint.stateBytes;
  if (budget === null || needed <= budget) return null;
  return (
    `weights ${mib(footprint.weightsBytes)} + state ${mib(footprint.stateBytes)} = ${mib(needed)} ` +
    `over the phone's RAM budget ${mib(budget)} (${ramBudgetFraction * 100}% of ${mib(phone.ramKb! * 1024)})`
  );
}
