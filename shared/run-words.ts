import type { Energy, MemoryBreakdown, RunSummary } from './run-metrics';

/**
 * How a run's figures are worded wherever they are shown — `edge-studio run`, the Runs page,
 * the HTML report — so that the three read alike. Pure.
 */

/** The breakdown's flag of weights resident twice in the peak. */
export const countedTwiceNote = 'weights counted twice (mapped pages and a packed copy)';

/** The breakdown's flag of a runtime share below zero. */
export const runtimeNegativeNote = 'runtime negative: weights and state overcount the peak';

/** A breakdown's flags; empty when none holds. */
export function memoryFlags(memory: MemoryBreakdown | null | undefined): string[] {
  if (!memory) return [];
  return [
    memory.runtimeNegative ? runtimeNegativeNote : '',
    memory.weightsCountedTwice ? countedTwiceNote : '',
  ].filter(Boolean);
}

/** Energy per token, µAh with mJ beside, prefill then decode (`decode n/a` where unmeasured). */
export function energyPerToken(energy: Energy): string {
  const decode =
    energy.decodeUahPerToken === null || energy.decodeMjPerToken === null
      ? 'decode n/a'
      : `decode ${perToken(energy.decodeUahPerToken, energy.decodeMjPerToken)}`;
  return `prefill ${perToken(energy.prefillUahPerToken, energy.prefillMjPerToken)}, ${decode}`;
}

function perToken(uah: number, mj: number): string {
  return `${uah.toFixed(2)} µAh/tok (${mj.toFixed(2)} mJ/tok)`;
}

/** What became of a run's throttled repetitions: counted, or how many were left out. */
export function throttledWords({
  thermal,
  repetitions,
}: Pick<RunSummary, 'thermal' | 'repetitions'>): string {
  if (thermal.includeThrottled) return 'throttled repetitions counted in the statistics';
  const count = repetitions.excludedThrottled;
  return `${count} throttled ${count === 1 ? 'repetition' : 'repetitions'} excluded from the statistics`;
}
