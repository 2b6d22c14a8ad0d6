import type { Convention } from '../../../shared/graph';

const pastKey = /^past_key_values\.(\d+)\.key$/;

/** Names of the per-layer past keys, in layer order. */
export function pastKeyNames(inputs: readonly string[]): string[] {
  return inputs
    .filter((name) => pastKey.test(name))
    .sort((a, b) => Number(pastKey.exec(a)?.[1]) - Number(pastKey.exec(b)?.[1]));
}

/**
 * Which I/O convention a graph follows: the demo model's fixed-shape streaming graph
 * (`memory_gate`, `past_mask`, `memory.N.*`), optimum's decoder-with-past, or neither.
 */
export function detectConvention(
  inputs: readonly string[],
  outputs: readonly string[],
): Convention {
  const has = (name: string) => inputs.includes(name);
  const layers = pastKeyNames(inputs).length;
  if (!has('input_ids') || layers === 0 || !outputs.includes('logits')) return 'unknown';
  const presents = outputs.filter((name) => /^present\.\d+\.key$/.test(name)).length;
  if (presents !== layers) return 'unknown';
  if (has('memory_gate') && has('past_mask')) return 'edge-infinite';
  return has('attention_mask') ? 'optimum' : 'unknown';
}

/**
 * Which output carries the next value of a state input of a self-contained graph: the demo
 * model's naming (`present.*`, `present_memory.*`, `present_mask`), which the specialiser gives
 * an import's cache too (`present.*`, `present_length`).
 */
export function stateOutputName(input: string): string {
  return input
    .replace('past_key_values.', 'present.')
    .replace('memory.', 'present_memory.')
    .replace('past_mask', 'present_mask')
    .replace('past_length', 'present_length');
}
