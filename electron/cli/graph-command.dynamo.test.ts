import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dynamoModels, fixtureModels } from '../core/graphs/testing-models';
import { studioRoot } from '../core/paths';
import { tempDataDir } from '../core/testing';

const bin = join(studioRoot(), 'electron/cli/edge-studio.mjs');
const scenario = ['--chunk', '8', '--sink', '2', '--window', '16'];

interface Manifest {
  key: string;
  quant: string;
  quantization: { tensor: string }[];
  keptFloat: { tensor: string; node: string; reason: string }[];
}

describe('edge-studio graph, on models exported by torch dynamo', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(() => data.cleanup());

  const runBin = (args: string[]) =>
    spawnSync(process.execPath, [bin, '--data', data.dir, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
    });
  const build = (out: string, ...args: string[]) => {
    const result = runBin([
      'graph',
      'build',
      dynamoModels.llama,
      ...scenario,
      ...args,
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    return {
      stdout: result.stdout,
      manifest: JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest,
    };
  };
  /** The dynamo Llama with the tiny Llama's tokenizer beside it (same 512-id vocabulary). */
  const withTokenizer = () => {
    const dir = join(data.dir, 'llama-dynamo');
    mkdirSync(dir);
    copyFileSync(dynamoModels.llama, join(dir, 'model.onnx'));
    copyFileSync(join(dirname(fixtureModels.llama), 'tokenizer.json'), join(dir, 'tokenizer.json'));
    return join(dir, 'model.onnx');
  };
  const dataset = () => {
    const path = join(data.dir, 'prompts.jsonl');
    writeFileSync(path, JSON.stringify({ prompt: 'Keys: w1x w8x w15x w22x w29x. The sink.' }));
    return path;
  };

  it('inspects heads from the q projection when there is no config.json, and says so', () => {
    const json = runBin(['graph', 'inspect', dynamoModels.llama, '--json']);
    const inspection = JSON.parse(json.stdout) as {
      decoder: { heads: number; derived: string[] };
      tokenizer: unknown;
    };
    expect(inspection.decoder.heads).toBe(4);
    expect(inspection.decoder.derived).toEqual(['heads']);
    expect(inspection.tokenizer).toBeNull();
    const text = runBin(['graph', 'inspect', dynamoModels.qwen2]).stdout;
    expect(text).toContain('4 heads (derived from the graph)');
    expect(text).toMatch(/No tokenizer\.json beside the model: .*fidelity/);
  });

  it('builds float graphs of a model with no tokenizer, saying what needs one', () => {
    const out = join(data.dir, 'out');
    const { stdout } = build(out);
    expect(readdirSync(out).sort()).toEqual([
      'decode.onnx',
      'manifest.json',
      'prefill.onnx',
      'weights.data',
    ]);
    expect(stdout).toMatch(/No tokenizer\.json beside the model: .*fidelity/);
  });

  it('keeps the output head float by default whatever it is called, and quantises it on request', () => {
    const kept = build(join(data.dir, 'kept'), '--quant', 'int4-g32');
    const tensors = kept.manifest.quantization.map((tensor) => tensor.tensor);
    expect(tensors).toHaveLength(14);
    expect(tensors).not.toContain('val_415');
    expect(kept.manifest.keptFloat).toEqual([
      { tensor: 'val_415', node: 'node_linear_14', reason: 'output head' },
    ]);
    expect(kept.stdout).toContain('kept val_415 (node_linear_14) in float: output head');
    const all = build(join(data.dir, 'all'), '--quant', 'int4-g32', '--quantize-head');
    expect(all.manifest.quantization.map((tensor) => tensor.tensor)).toContain('val_415');
    expect(all.manifest.keptFloat).toEqual([]);
  });

  it('builds int4-g32 and int4-g32:nbits once: one spec, one artifact, one label', () => {
    const short = build(join(data.dir, 'short'), '--quant', 'int4-g32');
    const long = build(join(data.dir, 'long'), '--quant', 'int4-g32:nbits');
    expect(long.manifest.key).toBe(short.manifest.key);
    expect(short.manifest.quant).toBe('int4-g32:nbits');
    expect(readdirSync(join(data.dir, 'artifacts'))).toHaveLength(1);
  });

  it('measures fidelity with the --keep-float given, and needs a tokenizer only there', () => {
    const model = withTokenizer();
    const fidelity = (...args: string[]) => {
      const args_ = ['graph', 'fidelity', model, ...scenario, '--quant', 'int4-g32'];
      const result = runBin([...args_, ...args, '--dataset', dataset(), '--json']);
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { quant: string; quantization: { klMean: number } };
    };
    const plain = fidelity();
    const kept = fidelity('--keep-float', 'node_linear_1');
    expect(kept.quantization.klMean).not.toBe(plain.quantization.klMean);
    expect(plain.quant).toBe('int4-g32:nbits');
    const bare = runBin([
      'graph',
      'fidelity',
      dynamoModels.llama,
      ...scenario,
      '--dataset',
      dataset(),
    ]);
    expect(bare.status).toBe(1);
    expect(bare.stderr.trim().split('\n')).toHaveLength(1);
    expect(bare.stderr).toContain(`No tokenizer.json next to ${dynamoModels.llama}`);
  });

  it('refuses an --out that is a file or a folder with files, in one line, before building', () => {
    const file = join(data.dir, 'taken.onnx');
    writeFileSync(file, 'not mine to overwrite');
    const folder = join(data.dir, 'full');
    mkdirSync(folder);
    writeFileSync(join(folder, 'prefill.onnx'), 'an earlier build');
    for (const out of [file, folder]) {
      const result = runBin(['graph', 'build', dynamoModels.llama, ...scenario, '--out', out]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`--out ${out}`);
    }
    expect(readFileSync(file, 'utf8')).toBe('not mine to overwrite');
    expect(existsSync(join(data.dir, 'artifacts'))).toBe(false);
  });
});
