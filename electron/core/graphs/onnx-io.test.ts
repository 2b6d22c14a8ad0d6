import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { readOnnx, writeOnnx } from './onnx-io';
import { fixtureModels, withExternalData } from './testing-models';

describe('readOnnx', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.cleanup());

  it('reads a model and round-trips it through writeOnnx', async () => {
    const loaded = await readOnnx(fixtureModels.llama);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const copy = join(data.dir, 'copy.onnx');
    await writeOnnx(loaded.value.model, copy);
    const again = await readOnnx(copy);
    expect(again.ok && again.value.model.graph?.node?.length).toBe(
      loaded.value.model.graph?.node?.length,
    );
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['garbage', () => Buffer.from('this is not protobuf at all \u00ff\u00fe', 'latin1')],
    ['empty', () => Buffer.alloc(0)],
  ])('refuses a %s file, saying where', async (_kind, corrupt) => {
    const path = join(data.dir, 'bad.onnx');
    writeFileSync(path, corrupt(readFileSync(fixtureModels.llama)));
    const loaded = await readOnnx(path);
    expect(loaded).toMatchObject({ ok: false, error: { code: 'invalid-model' } });
    expect(!loaded.ok && loaded.error.message).toContain(path);
  });

  it('says when the file does not exist', async () => {
    expect(await readOnnx(join(data.dir, 'nope.onnx'))).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('reads external data that is present, and names a missing or short file', async () => {
    const { path, tensor } = withExternalData(data.dir);
    const loaded = await readOnnx(path);
    expect(loaded.ok && loaded.value.externalFiles).toEqual(['model.onnx.data']);
    truncateSync(join(data.dir, 'model.onnx.data'), 10);
    const short = await readOnnx(path);
    expect(!short.ok && short.error.message).toMatch(
      new RegExp(`model.onnx.data is truncated .*tensor ${tensor}`),
    );
    rmSync(join(data.dir, 'model.onnx.data'));
    const missing = await readOnnx(path);
    expect(!missing.ok && missing.error.message).toContain('external data file model.onnx.data');
  });

  it('refuses external data outside the model folder', async () => {
    const { path } = withExternalData(data.dir, '../../etc/passwd');
    const loaded = await readOnnx(path);
    expect(!loaded.ok && loaded.error.message).toContain('points outside the model folder');
  });
});
