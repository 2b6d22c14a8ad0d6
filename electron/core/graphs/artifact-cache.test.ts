import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/result';
import { tempDataDir } from '../testing';
import { ArtifactCache } from './artifact-cache';

describe('ArtifactCache', () => {
  let data: ReturnType<typeof tempDataDir>;
  let cache: ArtifactCache;
  beforeEach(() => {
    data = tempDataDir();
    cache = new ArtifactCache(data.dir);
  });
  afterEach(() => data.cleanup());

  it('keys by every part', () => {
    const parts = { modelHash: 'a', scenario: { chunk: 1 }, quant: 'float', toolVersion: '1' };
    const key = ArtifactCache.keyOf(parts);
    expect(ArtifactCache.keyOf({ ...parts })).toBe(key);
    for (const change of [
      { modelHash: 'b' },
      { scenario: { chunk: 2 } },
      { quant: 'int8-channel' },
      { toolVersion: '2' },
    ]) {
      expect(ArtifactCache.keyOf({ ...parts, ...change })).not.toBe(key);
    }
  });

  it('leaves nothing behind when a build fails or throws', async () => {
    const failed = await cache.getOrBuild('k1', async (dir) => {
      await writeFile(join(dir, 'half.onnx'), 'partial');
      return fail('build-failed', 'boom');
    });
    expect(failed.ok).toBe(false);
    await expect(
      cache.getOrBuild('k2', async (dir) => {
        await writeFile(join(dir, 'half.onnx'), 'partial');
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect(readdirSync(data.dir)).toEqual([]);
  });

  it('moves a finished build into place with its manifest', async () => {
    const built = await cache.getOrBuild('k3', async (dir) => {
      await writeFile(join(dir, 'prefill.onnx'), 'graph');
      return ok({ file: 'prefill.onnx' });
    });
    expect(built).toEqual({ ok: true, value: { file: 'prefill.onnx' } });
    expect(existsSync(join(cache.dirOf('k3'), 'prefill.onnx'))).toBe(true);
    expect(await cache.read('k3')).toEqual({ file: 'prefill.onnx' });
  });
});
