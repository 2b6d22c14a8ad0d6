import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import { readOnnx } from './onnx-io';
import { onnx } from './onnx-proto';
import { addModel, dynamoModels, fixtureModels, withExternalData } from './testing-models';

const scenario = { chunk: 32, sink: 4, window: 96, memory: 'off' } as const;

describe('buildGraphs', () => {
  let data: ReturnType<typeof tempDataDir>;
  let cache: ArtifactCache;
  beforeEach(() => {
    data = tempDataDir();
    cache = new ArtifactCache(join(data.dir, 'artifacts'));
  });
  afterEach(() => data.cleanup());

  it.each(Object.entries(fixtureModels))(
    'pins every dim of the %s fixture for prefill and decode',
    async (_name, model) => {
      const built = await buildGraphs({ model, scenario, quant: 'float' }, cache);
      if (!built.ok) throw new Error(built.error.message);
      const { prefill, decode } = built.value;
      const shape = (graph: typeof prefill, name: string) =>
        [...graph.inputs, ...graph.outputs].find((tensor) => tensor.name === name)?.shape;
      expect(shape(prefill, 'input_ids')).toEqual([1, 32]);
      expect(shape(prefill, 'chunk_mask')).toEqual([1, 32]);
      expect(shape(prefill, 'past_key_values.1.value')).toEqual([1, 2, 100, 32]);
      // Self-contained: the next cache has the past's slots.
      expect(shape(prefill, 'present.0.key')).toEqual([1, 2, 100, 32]);
      expect(shape(prefill, 'present_length')).toEqual([1]);
      expect(shape(decode, 'input_ids')).toEqual([1, 1]);
      expect(shape(decode, 'logits')).toEqual([1, 1, 512]);
      for (const graph of [prefill, decode]) {
        for (const tensor of [...graph.inputs, ...graph.outputs]) {
          expect(
            tensor.shape.every((dim) => typeof dim === 'number'),
            tensor.name,
          ).toBe(true);
        }
        const written = await readOnnx(join(built.value.dir, graph.file));
        expect(written.ok && written.value.model.graph?.valueInfo).toEqual([]);
      }
      expect(built.value.kvCacheBytes).toBe(2 * 2 * 2 * 100 * 32 * 4);
    },
  );

  it.each(['int8-channel', 'int4-g32', 'int4-g64-asym:qdq', 'int8-g128:nbits'])(
    'quantises the Llama fixture with %s: graphs run, lm_head stays float, report per tensor',
    async (quant) => {
      const built = await buildGraphs({ model: fixtureModels.llama, scenario, quant }, cache);
      if (!built.ok) throw new Error(built.error.message);
      const report = built.value.quantization;
      expect(report).toHaveLength(2 * 7);
      expect(report.some((tensor) => tensor.shape[1] === 512)).toBe(false);
      for (const tensor of report) {
        expect(tensor.bytesAfter).toBeLessThan(
          tensor.bytesBefore / (quant.startsWith('int4') ? 6 : 3),
        );
        expect(tensor.sqnrDb).toBeGreaterThan(quant.startsWith('int4') ? 15 : 35);
      }
    },
  );

  it('keeps the weights named by keepFloat in float', async () => {
    const built = await buildGraphs(
      {
        model: fixtureModels.llama,
        scenario,
        quant: 'int8-channel',
        keepFloat: ['lm_head', 'mlp', 'gate_proj', 'up_proj', 'down_proj'],
      },
      cache,
    );
    expect(built.ok && built.value.quantization).toHaveLength(2 * 4);
  });

  it('calibrates activations for +a8 and +a16, keyed by the calibration too', async () => {
    const a8 = await buildGraphs(
      { model: fixtureModels.llama, scenario, quant: 'int8-channel+a8' },
      cache,
    );
    if (!a8.ok) throw new Error(a8.error.message);
    expect(a8.value.activations).toEqual({ bits: 8, method: 'minmax', tensors: 17, prompts: 6 });
    const percentile = await buildGraphs(
      {
        model: fixtureModels.llama,
        scenario,
        quant: 'int8-channel+a8',
        calibration: { method: { kind: 'percentile', percent: 99.99 } },
      },
      cache,
    );
    expect(percentile.ok && percentile.value.key).not.toBe(a8.value.key);
    const a16 = await buildGraphs(
      { model: fixtureModels.llama, scenario, quant: 'int4-g32+a16' },
      cache,
    );
    expect(a16.ok && a16.value.activations?.bits).toBe(16);
  });

  it('builds a key once, even when asked twice at the same time', async () => {
    const steps: string[] = [];
    const request = { model: fixtureModels.llama, scenario, quant: 'float' };
    const [first, second] = await Promise.all([
      buildGraphs(request, cache, (_s, _n, message) => steps.push(message)),
      buildGraphs(request, cache, (_s, _n, message) => steps.push(message)),
    ]);
    expect(first.ok && second.ok && first.value.key === second.value.key).toBe(true);
    expect(steps.filter((message) => message.startsWith('specialising the prefill'))).toHaveLength(
      1,
    );
    expect(readdirSync(join(data.dir, 'artifacts'))).toHaveLength(1);
    const again: string[] = [];
    await buildGraphs(request, cache, (_s, _n, message) => again.push(message));
    expect(again.some((message) => message.startsWith('specialising'))).toBe(false);
  });

  it('builds one spec once however it is spelt, and labels it canonically', async () => {
    const short = await buildGraphs(
      { model: fixtureModels.llama, scenario, quant: 'int4-g32' },
      cache,
    );
    const long = await buildGraphs(
      { model: fixtureModels.llama, scenario, quant: 'int4-g32:nbits' },
      cache,
    );
    if (!short.ok || !long.ok) throw new Error('build failed');
    expect(long.value.key).toBe(short.value.key);
    expect(short.value.quant).toBe('int4-g32:nbits');
    expect(readdirSync(join(data.dir, 'artifacts'))).toHaveLength(1);
  });

  it('gives a float build one artifact whatever weights would stay float', async () => {
    const plain = await buildGraphs(
      { model: fixtureModels.llama, scenario, quant: 'float' },
      cache,
    );
    const kept = await buildGraphs(
      { model: fixtureModels.llama, scenario, quant: 'float', keepFloat: ['mlp'] },
      cache,
    );
    expect(plain.ok && kept.ok && kept.value.key === plain.value.key).toBe(true);
  });

  it('gives other scenarios their own artifact', async () => {
    const a = await buildGraphs({ model: fixtureModels.llama, scenario, quant: 'float' }, cache);
    const b = await buildGraphs(
      { model: fixtureModels.llama, scenario: { ...scenario, window: 128 }, quant: 'float' },
      cache,
    );
    expect(a.ok && b.ok && a.value.key !== b.value.key).toBe(true);
  });

  it.each([
    [{ ...scenario, memory: 'on' as const }, 'float', /^memory: .* has no compressed memory/],
    [scenario, 'int4-g48', /Unknown quant spec "int4-g48"/],
  ])(
    'refuses %j with quant %s, naming the field, and writes nothing',
    async (bad, quant, message) => {
      const built = await buildGraphs({ model: fixtureModels.llama, scenario: bad, quant }, cache);
      expect(!built.ok && built.error.message).toMatch(message);
      expect(readdirSync(data.dir)).not.toContain('artifacts');
    },
  );

  it('refuses a graph that is not a decoder and leaves the cache empty', async () => {
    const path = join(data.dir, 'add.onnx');
    writeFileSync(path, onnx.ModelProto.encode(addModel()).finish());
    const built = await buildGraphs({ model: path, scenario, quant: 'float' }, cache);
    expect(!built.ok && built.error.message).toMatch(/is not a decoder the studio recognises/);
  });

  it('refuses a model its cache policy cannot feed, and leaves the cache empty', async () => {
    // Its mask compares key indices with position_ids: in fixed S + W slots a token's index is
    // not its position, so its graphs would give wrong logits from the very first chunk.
    const model = dynamoModels.llamaPositionMask;
    const built = await buildGraphs({ model, scenario, quant: 'int4-g32' }, cache);
    expect(!built.ok && built.error).toMatchObject({ code: 'invalid-model' });
    expect(!built.ok && built.error.message).toMatch(
      /do not reproduce the model on a first chunk of 32 tokens .* compares key indices with position_ids/,
    );
    expect(readdirSync(join(data.dir, 'artifacts'))).toEqual([]);
    // The same model with the mask of transformers' exports builds.
    const fixed = await buildGraphs(
      { model: dynamoModels.llama, scenario, quant: 'int4-g32' },
      cache,
    );
    expect(fixed.ok).toBe(true);
  });

  it('builds a model without a tokenizer, unless the build needs text', async () => {
    const bare = join(data.dir, 'bare.onnx');
    copyFileSync(fixtureModels.llama, bare);
    const float = await buildGraphs({ model: bare, scenario, quant: 'float' }, cache);
    expect(float.ok && float.value.tokenizer).toBeNull();
    expect(float.ok && readdirSync(float.value.dir)).not.toContain('tokenizer.json');
    const calibrated = await buildGraphs(
      { model: bare, scenario, quant: 'int8-channel+a8' },
      cache,
    );
    expect(!calibrated.ok && calibrated.error.message).toBe(
      `No tokenizer.json next to ${bare}: activation calibration (+a8/+a16) on text prompts needs the model's tokenizer; put its tokenizer.json beside the model`,
    );
  });

  it('refuses a model with an old opset before writing anything', async () => {
    const old = onnx.ModelProto.decode(readFileSync(fixtureModels.llama));
    old.opsetImport = [{ domain: '', version: 11 }];
    const oldPath = join(data.dir, 'old.onnx');
    writeFileSync(oldPath, onnx.ModelProto.encode(old).finish());
    const tooOld = await buildGraphs({ model: oldPath, scenario, quant: 'float' }, cache);
    expect(!tooOld.ok && tooOld.error.message).toMatch(
      /uses opset 11; the studio needs opset 13 or newer/,
    );
    expect(readdirSync(data.dir)).not.toContain('artifacts');
  });

  it('keeps the tokenizer beside the built graphs', async () => {
    const built = await buildGraphs(
      { model: fixtureModels.qwen2, scenario, quant: 'float' },
      cache,
    );
    expect(built.ok && readdirSync(built.value.dir).sort()).toEqual([
      'decode.onnx',
      'manifest.json',
      'prefill.onnx',
      'tokenizer.json',
      'weights.data',
    ]);
  });

  it('builds a model whose weights live in an external data file, and keys by that file too', async () => {
    const dir = join(data.dir, 'external');
    mkdirSync(dir);
    const { path } = withExternalData(dir);
    copyFileSync(join(dirname(fixtureModels.llama), 'tokenizer.json'), join(dir, 'tokenizer.json'));
    const built = await buildGraphs({ model: path, scenario, quant: 'float' }, cache);
    if (!built.ok) throw new Error(built.error.message);
    // The graphs share the artifact's own weights file; the model's data file is not copied.
    expect(readdirSync(built.value.dir)).toContain('weights.data');
    expect(readdirSync(built.value.dir)).not.toContain('model.onnx.data');
    const bytes = readFileSync(join(dir, 'model.onnx.data'));
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    writeFileSync(join(dir, 'model.onnx.data'), bytes);
    const rebuilt = await buildGraphs({ model: path, scenario, quant: 'float' }, cache);
    expect(rebuilt.ok && rebuilt.value.key).not.toBe(built.value.key);
  });

  it('finds the artifact of an unchanged model without reading it again, and reads a changed one', async () => {
    const path = join(data.dir, 'model.onnx');
    copyFileSync(fixtureModels.llama, path);
    copyFileSync(
      join(dirname(fixtureModels.llama), 'tokenizer.json'),
      join(data.dir, 'tokenizer.json'),
    );
    const request = { model: path, scenario, quant: 'float' };
    const steps = async () => {
      const messages: string[] = [];
      const built = await buildGraphs(request, cache, (_s, _n, message) => messages.push(message));
      if (!built.ok) throw new Error(built.error.message);
      return { key: built.value.key, read: messages.some((m) => m.startsWith('reading ')) };
    };
    const first = await steps();
    expect(await steps()).toEqual({ key: first.key, read: false });
    const model = onnx.ModelProto.decode(readFileSync(path));
    model.docString = 'changed';
    writeFileSync(path, onnx.ModelProto.encode(model).finish());
    const changed = await steps();
    expect(changed.read).toBe(true);
    expect(changed.key).not.toBe(first.key);
  });

  it('names an unknown built-in model', async () => {
    const built = await buildGraphs({ model: 'builtin:gpt-17', scenario, quant: 'float' }, cache);
    expect(!built.ok && built.error.message).toBe('No built-in model "gpt-17"');
  });
});
