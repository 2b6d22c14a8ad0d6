import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invokeResultSchema } from '../../../shared/contract';
import { profileHandlers, type ProfileFolders } from './profile-handlers';

const good = `# mine
version: 1
name: mine
model: builtin:edge-infinite-tiny
dataset: eval/mine.jsonl
grid:
  chunk: [16, 128]
  window: [64, 256]
`;

describe('profile handlers', () => {
  let dir: string;
  let folders: ProfileFolders;
  let handlers: ReturnType<typeof profileHandlers>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profile-handlers-'));
    folders = { studio: join(dir, 'studio'), user: join(dir, 'data', 'profiles') };
    await mkdir(folders.studio);
    await writeFile(join(folders.studio, 'good.yaml'), good.replace('name: mine', 'name: good'));
    await writeFile(join(folders.studio, 'bad.yaml'), 'version: 2\nname: bad\nmodel: m\n');
    await writeFile(join(folders.studio, 'notes.txt'), 'not a profile');
    handlers = profileHandlers(folders);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists both folders with validity (no user folder yet is no user profiles)', async () => {
    const listed = await handlers['profile:list']({});
    expect(invokeResultSchema('profile:list').safeParse(listed).success).toBe(true);
    const profiles = listed.ok ? listed.value.profiles : [];
    expect(profiles.map((p) => [p.name, p.source, p.valid])).toEqual([
      ['bad', 'studio', false],
      ['good', 'studio', true],
    ]);
    expect(profiles[0]?.issues).toEqual([
      { line: 1, path: 'version', message: 'version must be 1' },
    ]);
  });

  it('saves a user profile, lists it, and gets its text and parsed profile back', async () => {
    const file = join(folders.user, 'mine.yaml');
    expect(await handlers['profile:save']({ file, text: good })).toEqual({
      ok: true,
      value: { file },
    });
    expect(await readFile(file, 'utf8')).toBe(good);
    const listed = await handlers['profile:list']({});
    expect(listed.ok && listed.value.profiles.map((p) => p.source)).toEqual([
      'studio',
      'studio',
      'user',
    ]);
    const got = await handlers['profile:get']({ file });
    expect(invokeResultSchema('profile:get').safeParse(got).success).toBe(true);
    expect(got).toMatchObject({ ok: true, value: { file, text: good, issues: [] } });
    expect(got.ok && got.value.profile?.dataset).toBe(join(folders.user, 'eval', 'mine.jsonl'));
  });

  it('refuses to save invalid text, naming file, line and field, and writes nothing', async () => {
    const file = join(folders.user, 'mine.yaml');
    const saved = await handlers['profile:save']({
      file,
      text: good.replace('[16, 128]', '[16, 0]'),
    });
    expect(saved).toEqual({
      ok: false,
      error: {
        code: 'invalid-args',
        message: `the profile is not saved:\n${file}:7: grid.chunk[1]: chunk must be at least 1`,
      },
    });
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('refuses files outside the profile folders or not .yaml', async () => {
    for (const file of [
      join(dir, 'x.yaml'),
      join(folders.user, '..', 'x.yaml'),
      join(folders.user, 'x.json'),
    ]) {
      expect(await handlers['profile:save']({ file, text: good })).toMatchObject({
        ok: false,
        error: { code: 'invalid-args' },
      });
      expect(await handlers['profile:get']({ file })).toMatchObject({
        ok: false,
        error: { code: 'invalid-args' },
      });
    }
    expect(
      await handlers['profile:get']({ file: join(folders.studio, 'gone.yaml') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('validates text: the grid size and skipped points, or the issues', async () => {
    // chunk 128 with window 64 is no scenario: 3 points and 1 skipped.
    expect(await handlers['profile:validate']({ text: good })).toEqual({
      ok: true,
      value: { valid: true, issues: [], gridPoints: 3, skippedPoints: 1 },
    });
    const bad = await handlers['profile:validate']({ text: `${good}warmup: lots\n` });
    expect(bad).toEqual({
      ok: true,
      value: {
        valid: false,
        issues: [{ line: 9, path: 'warmup', message: 'warmup must be a number' }],
        gridPoints: 0,
        skippedPoints: 0,
      },
    });
  });
});
