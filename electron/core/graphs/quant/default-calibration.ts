import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelInspection } from '../../../../shared/graph';
import { readDataset } from '../fidelity/dataset';

/** General text for models that ship no eval set: varied words, digits and punctuation. */
const generalText = [
  'The quick brown fox jumps over the lazy dog while the farmer counts 1234 sheep in the field.',
  'Summarise the meeting notes: the release moves to Thursday, QA signs off on builds 41 and 42.',
  'Question: what is the capital of France? Answer: Paris, a city on the Seine with 2.1 million people.',
  'def add(a, b):\n    return a + b  # a tiny function, tokens of code look different from prose',
  'Long documents mix headings, lists and numbers: 3.14159, 2026-11-24, and e-mail like a@b.example.',
  'Phones run the model in fixed-size chunks; each chunk sees the sink tokens and a recent window.',
];

/**
 * Calibration prompts: the given dataset, else the model's own eval sets (the demo model ships
 * them beside its graphs), else general text.
 */
export async function calibrationPrompts(
  inspection: ModelInspection,
  dataset: string | undefined,
  limit = 6,
): Promise<string[]> {
  if (dataset) {
    const items = await readDataset(dataset, limit);
    if (items.ok) return items.value.map((item) => item.prompt);
  }
  const evalDir = join(inspection.path, '..', 'eval');
  const files = await readdir(evalDir).catch(() => [] as string[]);
  const prompts: string[] = [];
  for (const file of files.filter((name) => name.endsWith('.jsonl')).sort()) {
    const items = await readDataset(join(evalDir, file), 2);
    if (items.ok) prompts.push(...items.value.map((item) => item.prompt));
  }
  return prompts.length > 0 ? prompts.slice(0, limit) : generalText;
}
