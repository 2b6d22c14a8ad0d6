import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import { measureFidelity } from './fidelity/fidelity';
import { inspectGraphFile } from './graph-service';

const model = 'builtin:edge-infinite-tiny';
const data = tempDataDir();
const cache = new ArtifactCache(join(data.dir, 'artifacts'));
afterAll(() => data.cleanup());

/** A passkey prompt in the demo model's training format, `filler` sentences long. */
function passkeyDataset(filler: number): string {
  const text = 'The grass is green. The sky is blue. '.repeat(filler);
  const prompt = `There is a pass key hidden in this text. Find it and remember it.\n The pass key is 50645. Remember it. 50645 is the pass key. ${text}\nWhat is the pass key? The pass key is `;
  const path = join(data.dir, `passkey-${filler}.jsonl`);
  writeFileSync(path, JSON.stringify({ prompt, answer: '50645' }) + '\n');
  return path;
}

describe('the shipped demo model', () => {
  it('is recognised as the EdgeInfinite streaming graph with its memory', async () => {
    const inspection = await inspectGraphFile(model);
    if (!inspection.ok) throw new Error(inspection.error.message);
    expect(inspection.value.convention).toBe('edge-infinite');
    expect(inspection.value.decoder).toMatchObject({
      layers: 4,
      heads: 4,
      kvHeads: 4,
      headDim: 64,
      vocab: 260,
    });
    expect(inspection.value.decoder?.memoryElementsPerLayer).toBe(4 * 32 * 64 + 4 * 32);
  });

  it('streams exactly like the full-context reference while nothing is evicted', async () => {
    const scenario = { chunk: 32, sink: 4, window: 512, memory: 'on' } as const;
    const report = await measureFidelity(
      { model, scenario, quant: 'float', dataset: passkeyDataset(4) },
      cache,
    );
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.cache.top1Agreement).toBe(1);
    expect(report.value.cache.klMean).toBeLessThan(1e-6);
    expect(report.value.tasks?.float.exactMatch).toBe(1);
  });

  it('keeps ≥ 99 % top-1 agreement with int8 per-channel weights, and recalls the passkey from memory', async () => {
    const scenario = { chunk: 64, sink: 4, window: 64, memory: 'on' } as const;
    const report = await measureFidelity(
      { model, scenario, quant: 'int8-channel', dataset: passkeyDataset(12) },
      cache,
    );
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.quantization?.top1Agreement).toBeGreaterThanOrEqual(0.99);
    expect(report.value.tasks?.quantized.exactMatch).toBe(1);
  });

  it('pins the sink size and closes the gate as constants when memory is off', async () => {
    const built = await buildGraphs(
      { model, scenario: { chunk: 16, sink: 4, window: 32, memory: 'off' }, quant: 'float' },
      cache,
    );
    if (!built.ok) throw new Error(built.error.message);
    const inputs = built.value.prefill.inputs.map((input) => input.name);
    expect(inputs).not.toContain('memory_gate');
    expect(inputs).not.toContain('sink_size');
    expect(built.value.prefill.inputs.find((input) => input.name === 'past_mask')?.shape).toEqual([
      1, 36,
    ]);
  });
});
