import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../testing';
import { ArtifactCache } from '../artifact-cache';
import { fixtureModels } from '../testing-models';
import { measureFidelity } from './fidelity';

const data = tempDataDir();
afterAll(() => data.cleanup());
const cache = new ArtifactCache(join(data.dir, 'artifacts'));

function dataset(lines: object[]): string {
  const path = join(data.dir, `dataset-${lines.length}.jsonl`);
  writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'));
  return path;
}

// Words outside the fixture tokenizer's training text, so each prompt is ~100 tokens long.
const noise = (seed: number) =>
  Array.from({ length: 24 }, (_, i) => `w${(i * 7919 + seed) % 997}x`).join(' ');
const prompts = [
  { prompt: `Keys: ${noise(1)}. The studio specialises decoder graphs.`, answer: 'the cache' },
  { prompt: `Values: ${noise(2)}. The sink and the window.`, answer: 'memory' },
];

describe('measureFidelity', () => {
  it('finds no cache error when the window holds the whole prompt, and a small int8 error', async () => {
    const scenario = { chunk: 16, sink: 4, window: 128, memory: 'off' } as const;
    const report = await measureFidelity(
      { model: fixtureModels.llama, scenario, quant: 'int8-channel', dataset: dataset(prompts) },
      cache,
    );
    if (!report.ok) throw new Error(report.error.message);
    const { cache: cachePart, quantization, tasks } = report.value;
    expect(cachePart.top1Agreement).toBe(1);
    expect(cachePart.klMean).toBeLessThan(1e-6);
    expect(quantization?.top1Agreement).toBeGreaterThan(0.9);
    expect(quantization?.klMean).toBeGreaterThan(0);
    expect(tasks?.answered).toBe(2);
  });

  it('sees the cost of evicting the context with a small window', async () => {
    const scenario = { chunk: 8, sink: 2, window: 8, memory: 'off' } as const;
    const report = await measureFidelity(
      { model: fixtureModels.llama, scenario, quant: 'float', dataset: dataset(prompts) },
      cache,
    );
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.cache.klMean).toBeGreaterThan(1e-4);
    expect(report.value.quantization).toBeNull();
  });

  it('ends cancelled, between prompts, once its signal aborts', async () => {
    const scenario = { chunk: 16, sink: 4, window: 128, memory: 'off' } as const;
    const controller = new AbortController();
    const report = await measureFidelity(
      { model: fixtureModels.llama, scenario, quant: 'float', dataset: dataset(prompts) },
      cache,
      (step) => step === 0 && controller.abort(),
      { signal: controller.signal },
    );
    expect(report).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('names the line of a bad dataset', async () => {
    const path = join(data.dir, 'bad.jsonl');
    writeFileSync(path, '{"prompt": "ok"}\n{"answer": "no prompt"}\n');
    const scenario = { chunk: 8, sink: 2, window: 8, memory: 'off' } as const;
    const report = await measureFidelity(
      { model: fixtureModels.llama, scenario, quant: 'float', dataset: path },
      cache,
    );
    expect(!report.ok && report.error.message).toBe(
      `${path}:2: prompt: Invalid input: expected string, received undefined`,
    );
  });
});
