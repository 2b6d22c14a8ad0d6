import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureModels } from '../core/graphs/testing-models';
import { studioRoot } from '../core/paths';
import { tempDataDir } from '../core/testing';

const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
const data = tempDataDir();
afterAll(() => data.cleanup());

function runBin(args: string[]) {
  return spawnSync(process.execPath, [bin, '--data', data.dir, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('edge-studio graph', () => {
  it('has --help on each subcommand', () => {
    for (const sub of ['inspect', 'build', 'fidelity']) {
      const result = runBin(['graph', sub, '--help']);
      expect(result.stdout).toContain(`Usage: edge-studio graph ${sub}`);
    }
  });

  it('inspects a model as JSON', () => {
    const result = runBin(['graph', 'inspect', fixtureModels.qwen2, '--json']);
    expect(result.status).toBe(0);
    const inspection = JSON.parse(result.stdout) as {
      convention: string;
      decoder: { layers: number };
    };
    expect(inspection.convention).toBe('optimum');
    expect(inspection.decoder.layers).toBe(2);
  });

  it('builds a scenario into --out and prints what it wrote', () => {
    const out = join(data.dir, 'out');
    const result = runBin([
      'graph',
      'build',
      fixtureModels.llama,
      '--chunk',
      '16',
      '--sink',
      '2',
      '--window',
      '30',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    for (const file of ['prefill.onnx', 'decode.onnx', 'manifest.json']) {
      expect(result.stdout).toContain(`wrote ${join(out, file)}`);
      expect(existsSync(join(out, file))).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      scenario: unknown;
    };
    expect(manifest.scenario).toEqual({ chunk: 16, sink: 2, window: 30, memory: 'off' });
  });

  it('measures fidelity on a dataset, split into cache and quantisation parts', () => {
    const dataset = join(data.dir, 'prompts.jsonl');
    writeFileSync(
      dataset,
      JSON.stringify({ prompt: 'Keys: w1x w8x w15x w22x w29x w36x w43x. The sink.', answer: 'x' }) +
        '\n',
    );
    const args = [
      'graph',
      'fidelity',
      fixtureModels.llama,
      '--chunk',
      '8',
      '--sink',
      '2',
      '--window',
      '16',
    ];
    const result = runBin([...args, '--quant', 'int8-g32', '--dataset', dataset, '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      quant: string;
      cache: { tokens: number };
      quantization: { top1Agreement: number };
    };
    expect(report.quant).toBe('int8-g32:qdq');
    expect(report.cache.tokens).toBeGreaterThan(16);
    expect(report.quantization.top1Agreement).toBeGreaterThan(0.8);
  });

  it('says in one line what is wrong with bad input', () => {
    const notOnnx = runBin(['graph', 'inspect', join(studioRoot(), 'package.json')]);
    expect(notOnnx.status).toBe(1);
    expect(notOnnx.stderr.trim().split('\n')).toHaveLength(1);
    expect(notOnnx.stderr).toContain('is not a valid ONNX file');
    const badScenario = runBin([
      'graph',
      'build',
      fixtureModels.llama,
      '--chunk',
      '0',
      '--sink',
      '2',
      '--window',
      '30',
      '--out',
      join(data.dir, 'never-written'),
    ]);
    expect(badScenario.status).toBe(2);
    expect(badScenario.stderr).toContain('chunk: chunk must be at least 1');
    const memory = runBin([
      'graph',
      'build',
      fixtureModels.llama,
      '--chunk',
      '8',
      '--sink',
      '2',
      '--window',
      '30',
      '--memory',
      'on',
      '--out',
      join(data.dir, 'never-written'),
    ]);
    expect(memory.status).toBe(1);
    expect(memory.stderr).toContain('memory: ');
  });
});
