import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProfileText } from './profile-file';
import { saveProfileText, setProfileField } from './profile-save';

const text = `# yaml-language-server: $schema=./schema.json
# Chat: short turns.
version: 1
name: chat
model: builtin:edge-infinite-tiny
grid:
  chunk: [16, 32] # small chunks
  # W = C x 4
  window: [64, 128]
repetitions: 10
`;

describe('saveProfileText', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profile-save-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes valid text as given, comments and all, and leaves no temp file', async () => {
    const file = join(dir, 'user', 'chat.yaml');
    expect(await saveProfileText(file, text)).toEqual({ ok: true, file });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(join(dir, 'user'))).toEqual(['chat.yaml']);
  });

  it('refuses invalid text with its issues and keeps the file as it was', async () => {
    const file = join(dir, 'chat.yaml');
    await writeFile(file, text);
    const saved = await saveProfileText(file, text.replace('repetitions: 10', 'repetitions: 0'));
    expect(saved).toEqual({
      ok: false,
      issues: [{ line: 10, path: 'repetitions', message: 'repetitions must be at least 1' }],
    });
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['chat.yaml']);
  });
});

describe('setProfileField', () => {
  it('changes one field and keeps every comment, round trip through a save', () => {
    const edited = setProfileField(text, ['grid', 'chunk'], [8, 16]);
    expect(edited).not.toBeNull();
    for (const comment of [
      '# yaml-language-server: $schema=./schema.json',
      '# Chat: short turns.',
      '# small chunks',
      '# W = C x 4',
    ]) {
      expect(edited).toContain(comment);
    }
    const parsed = parseProfileText(edited!);
    expect(parsed.ok && parsed.profile.grid.chunk).toEqual([8, 16]);
    expect(parsed.ok && parsed.profile.repetitions).toBe(10);
    expect(setProfileField(edited!, ['grid', 'chunk'], [16, 32])).toBe(text);
  });

  it('adds a missing field, and answers null for text that is not YAML', () => {
    const edited = setProfileField(text, ['budgets', 'maxTtftMs'], 300);
    const parsed = parseProfileText(edited!);
    expect(parsed.ok && parsed.profile.budgets.maxTtftMs).toBe(300);
    expect(setProfileField('grid: [1,\n', ['grid'], 1)).toBeNull();
    expect(setProfileField(text, ['name', 'x'], 1)).toBeNull();
  });
});
