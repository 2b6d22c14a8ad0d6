import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { inspectModel } from './inspect';
import { readOnnx } from './onnx-io';
import { fixtureModels } from './testing-models';
import { byteLevelTokenizer, loadTokenizer } from './tokenizer';

async function inspection(path: string) {
  const loaded = await readOnnx(path);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return inspectModel(loaded.value);
}

describe('tokenizers', () => {
  it('round-trips text through the byte-level tokenizer', () => {
    const ids = byteLevelTokenizer.encode('passkey é 42');
    expect(ids[0]).toBe(257);
    expect(ids.slice(1).every((id) => id < 256)).toBe(true);
    expect(byteLevelTokenizer.decode(ids)).toBe('passkey é 42');
  });

  it('reads the tokenizer.json beside a model and round-trips text', async () => {
    const tokenizer = await loadTokenizer(await inspection(fixtureModels.llama), 'a test');
    if (!tokenizer.ok) throw new Error(tokenizer.error.message);
    const text = 'The studio specialises decoder graphs for phones.';
    const ids = tokenizer.value.encode(text);
    expect(ids.length).toBeLessThan(text.length);
    expect(ids.every((id) => id < 512)).toBe(true);
    expect(tokenizer.value.decode(ids).trim()).toBe(text);
  });

  it('says when a model has no tokenizer.json', async () => {
    const data = tempDataDir();
    const path = join(data.dir, 'model.onnx');
    copyFileSync(fixtureModels.llama, path);
    const found = await inspection(path);
    expect(found.tokenizer).toBeNull();
    const tokenizer = await loadTokenizer(found, 'fidelity on text prompts');
    expect(!tokenizer.ok && tokenizer.error.message).toBe(
      `No tokenizer.json next to ${path}: fidelity on text prompts needs the model's tokenizer; put its tokenizer.json beside the model`,
    );
    data.cleanup();
  });

  it('refuses a tokenizer whose ids do not fit the vocabulary', async () => {
    const data = tempDataDir();
    const path = join(data.dir, 'model.onnx');
    copyFileSync(fixtureModels.llama, path);
    const other = JSON.parse(
      readFileSync(join(dirname(fixtureModels.llama), 'tokenizer.json'), 'utf8'),
    );
    other.model.vocab['Ġphones.'] = 9000;
    writeFileSync(join(data.dir, 'tokenizer.json'), JSON.stringify(other));
    const tokenizer = await loadTokenizer(await inspection(path), 'a test');
    expect(!tokenizer.ok && tokenizer.error.message).toMatch(
      /ids up to 9000, beyond the model's vocabulary of 512/,
    );
    data.cleanup();
  });
});
