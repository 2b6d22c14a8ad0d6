import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBundle } from '../../../runner/testing-runner';
import { tempDataDir } from '../../testing';
import { ArtifactCache } from '../artifact-cache';
import { fixtureModels } from '../testing-models';
import { measureFidelity } from './fidelity';

process.env.ORT_DISABLE_TELEMETRY = '1';
const data = tempDataDir();
afterAll(() => data.cleanup());
const cache = new ArtifactCache(join(data.dir, 'artifacts'));

const noise = (seed: number) =>
  Array.from({ length: 24 }, (_, i) => `w${(i * 7919 + seed) % 997}x`).join(' ');
const dataset = join(data.dir, 'dataset.jsonl');
writeFileSync(
  dataset,
  [
    { prompt: `Keys: ${noise(1)}. The studio specialises decoder graphs.`, answer: 'the cache' },
    { prompt: `Values: ${noise(2)}. The sink and the window.`, answer: 'memory' },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n'),
);

describe('fidelity through edge-runner’s host build', () => {
  it.each([fixtureModels.llama, fixtureModels.qwen2])(
    'reports what the onnxruntime-node loop reports (%s, evicting, int8)',
    async (model) => {
      const bundle = await testBundle('x86_64');
      const scenario = { chunk: 8, sink: 2, window: 8, memory: 'off' } as const;
      const request = { model, scenario, quant: 'int8-channel', dataset };
      await measureFidelity(request, cache); // builds the artifacts: both runs below reuse them
      const timed = async <T>(work: () => Promise<T>) => {
        const started = performance.now();
        return { value: await work(), ms: performance.now() - started };
      };
      const { value: node, ms: nodeMs } = await timed(() => measureFidelity(request, cache));
      const { value: native, ms: nativeMs } = await timed(() =>
        measureFidelity(request, cache, undefined, { runner: bundle }),
      );
      console.log(
        `fidelity: node loop ${nodeMs.toFixed(0)} ms, edge-runner ${nativeMs.toFixed(0)} ms`,
      );
      if (!node.ok || !native.ok) throw new Error('fidelity failed');
      expect(native.value).toEqual(node.value);
      expect(native.value.tasks?.answered).toBe(2);
    },
  );

  it('says why when the bundle cannot run', async () => {
    const bundle = await testBundle('x86_64');
    const scenario = { chunk: 8, sink: 2, window: 8, memory: 'off' } as const;
    const request = { model: fixtureModels.llama, scenario, quant: 'float', dataset };
    const gone = { ...bundle, dir: join(data.dir, 'no-bundle') };
    const report = await measureFidelity(request, cache, undefined, { runner: gone });
    expect(!report.ok && report.error).toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/^edge-runner exited null: .*ENOENT/),
    });
  });
});
