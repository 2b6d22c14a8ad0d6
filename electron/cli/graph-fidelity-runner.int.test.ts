import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureModels } from '../core/graphs/testing-models';
import { studioRoot } from '../core/paths';
import { tempDataDir } from '../core/testing';
import { testBundle } from '../runner/testing-runner';

const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
const data = tempDataDir();
afterAll(() => data.cleanup());

function runBin(args: string[]) {
  return spawnSync(process.execPath, [bin, '--data', data.dir, ...args], {
    encoding: 'utf8',
    timeout: 100_000,
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
  });
}

describe('edge-studio graph fidelity --runner', () => {
  it('runs the graphs with the host bundle and reports what the node loop reports', async () => {
    const bundle = await testBundle('x86_64');
    const dataset = join(data.dir, 'prompts.jsonl');
    const prompt = 'Keys: w1x w8x w15x w22x w29x w36x w43x w50x w57x. The sink.';
    writeFileSync(dataset, JSON.stringify({ prompt, answer: 'the cache' }) + '\n');
    const args = ['graph', 'fidelity', fixtureModels.llama, '--dataset', dataset, '--json'];
    const scenario = ['--chunk', '8', '--sink', '2', '--window', '8', '--quant', 'int8-channel'];
    const node = runBin([...args, ...scenario]);
    const native = runBin([...args, ...scenario, '--runner', bundle.dir]);
    expect(node.status, node.stderr).toBe(0);
    expect(native.status, native.stderr).toBe(0);
    expect(JSON.parse(native.stdout)).toEqual(JSON.parse(node.stdout));
    const wrong = runBin([...args, ...scenario, '--runner', join(bundle.dir, '..', 'arm64-v8a')]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/is an arm64-v8a bundle; this host runs x86_64|no runtime bundle/);
  });
});
