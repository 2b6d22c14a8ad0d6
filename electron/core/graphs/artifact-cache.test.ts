import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
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

  it('tells of each build it starts: a miss, not a hit nor a build shared in flight', async () => {
    const started: string[] = [];
    const stop = cache.onDidStartBuild((key) => started.push(key));
    const build = async () => ok({ n: 1 });
    await Promise.all([cache.getOrBuild('k1', build), cache.getOrBuild('k1', build)]);
    await cache.getOrBuild('k1', build);
    await cache.getOrBuild('k2', build);
    stop();
    await cache.getOrBuild('k3', build);
    expect(started).toEqual(['k1', 'k2']);
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

describe('ArtifactCache manifests', () => {
  const data = tempDataDir();
  afterAll(() => data.cleanup());
  const cache = new ArtifactCache(data.dir);
  const schema = z.object({ file: z.string() });
  const build = (file: string) => async (dir: string) => {
    await writeFile(join(dir, file), 'graph');
    return ok({ file });
  };

  it.each([
    ['not JSON', '{"file": "prefill.on'],
    ['not a manifest of this studio', '{"files": ["prefill.onnx"]}'],
  ])('rebuilds an artifact whose manifest is %s, replacing the stale folder', async (_, text) => {
    const key = `stale-${text.length}`;
    mkdirSync(cache.dirOf(key), { recursive: true });
    writeFileSync(join(cache.dirOf(key), 'manifest.json'), text);
    writeFileSync(join(cache.dirOf(key), 'old.onnx'), 'stale');
    expect(await cache.read(key, schema)).toBeNull();
    const built = await cache.getOrBuild(key, build('new.onnx'), { schema });
    expect(built).toEqual({ ok: true, value: { file: 'new.onnx' } });
    expect(readdirSync(cache.dirOf(key)).sort()).toEqual(['manifest.json', 'new.onnx']);
    expect(await cache.read(key, schema)).toEqual({ file: 'new.onnx' });
  });
});
