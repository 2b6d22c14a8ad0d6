import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database';
import { RuntimeRepo } from '../../store/runtime-repo';
import { tempDataDir } from '../../testing';
import { runtimeHandlers } from './runtime-handlers';
import { RuntimeCatalog } from './runtime-catalog';
import { writeFakeBundle } from './testing-bundle';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup() {
  const data = tempDataDir();
  const db = openDatabase(data.dir);
  cleanups.push(() => {
    db.close();
    data.cleanup();
  });
  const built = join(data.dir, 'out-runtime');
  writeFakeBundle(join(built, 'x86_64'), 'x86_64');
  return { data, handlers: runtimeHandlers(new RuntimeCatalog(new RuntimeRepo(db), built)) };
}

describe('runtime handlers', () => {
  it('lists the built bundles, then adds, lists and removes a user bundle', async () => {
    const { data, handlers } = setup();
    const dir = join(data.dir, 'ndk');
    writeFakeBundle(dir);
    const added = await handlers['runtime:add']({ dir });
    expect(added).toMatchObject({
      ok: true,
      value: { abi: 'arm64-v8a', label: 'NDK arm64-v8a (user)' },
    });
    if (!added.ok) return;
    const listed = await handlers['runtime:list']({});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.bundles.map((bundle) => [bundle.id, bundle.source])).toEqual([
      ['built:x86_64', 'built'],
      [added.value.id, 'user'],
    ]);
    expect(await handlers['runtime:remove']({ id: added.value.id })).toEqual({
      ok: true,
      value: { removed: true },
    });
    expect(await handlers['runtime:remove']({ id: added.value.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await handlers['runtime:remove']({ id: 'built:x86_64' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-args' },
    });
  });

  it('refuses a tampered file, a missing one, a malformed manifest and a second registration', async () => {
    const { data, handlers } = setup();
    const dir = join(data.dir, 'ndk');
    writeFakeBundle(dir);
    writeFileSync(join(dir, 'libonnxruntime.so'), 'not really a librarX');
    const tampered = await handlers['runtime:add']({ dir, label: 'QNN' });
    expect(tampered).toMatchObject({ ok: false, error: { code: 'verify-failed' } });
    if (!tampered.ok)
      expect(tampered.error.message).toContain('libonnxruntime.so does not match the sha256');
    writeFileSync(join(dir, 'libonnxruntime.so'), 'short');
    expect(await handlers['runtime:add']({ dir })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('is 5 bytes') },
    });
    writeFileSync(join(dir, 'bundle.json'), '{ nope');
    expect(await handlers['runtime:add']({ dir })).toMatchObject({
      ok: false,
      error: { code: 'invalid-args', message: expect.stringContaining(join(dir, 'bundle.json')) },
    });
    writeFakeBundle(dir);
    expect(await handlers['runtime:add']({ dir, label: 'QNN' })).toMatchObject({
      ok: true,
      value: { label: 'QNN' },
    });
    expect(await handlers['runtime:add']({ dir })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('already registered') },
    });
  });
});
