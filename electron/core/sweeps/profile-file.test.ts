import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProfileIssue } from '../../../shared/profile-file';
import { parseProfileText, readProfileFile } from './profile-file';

const issuesOf = (text: string) => {
  const parsed = parseProfileText(text);
  if (parsed.ok) throw new Error('expected the profile to be refused');
  return parsed.issues;
};

const good = `version: 1
name: qa
model: builtin:edge-infinite-tiny
`;

describe('parseProfileText', () => {
  it('names the line and path of a bad item in a flow sequence', () => {
    const text = `${good}# the grid
grid:
  sink: [4]
  chunk: [16, 0]
`;
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toEqual({ line: 7, path: 'grid.chunk[1]', message: 'chunk must be at least 1' });
    expect(formatProfileIssue('profiles/qa.yaml', issue!)).toBe(
      'profiles/qa.yaml:7: grid.chunk[1]: chunk must be at least 1',
    );
  });

  it('names the line of each item of a block sequence and of a scalar field', () => {
    const text = `${good}grid:
  window:
    - 64
    - big
warmup: -1
`;
    expect(issuesOf(text)).toEqual([
      { line: 7, path: 'grid.window[1]', message: 'window must be a number' },
      { line: 8, path: 'warmup', message: 'warmup must be at least 0' },
    ]);
  });

  it('names an unknown field by its own line, at any depth', () => {
    const text = `${good}grid:
  chunk: [16]
  chunks: [32]
colour: blue
`;
    expect(issuesOf(text)).toEqual([
      { line: 6, path: 'grid.chunks', message: 'unknown field "chunks"' },
      { line: 7, path: 'colour', message: 'unknown field "colour"' },
    ]);
  });

  it('gives a missing field no line, and a missing nested one the line of its parent', () => {
    const issues = issuesOf('version: 1\nname: qa\ngate:\n  maxStatus: boiling\n');
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['model', null],
      ['gate.maxStatus', 4],
    ]);
  });

  it('names the line of a YAML syntax error', () => {
    const [issue] = issuesOf(`${good}grid:\n  chunk: [16, 32\nwarmup: 1\n`);
    expect(issue?.path).toBe('');
    expect(issue?.message).toMatch(/^YAML syntax error: /);
    expect(issue?.line).toBeGreaterThanOrEqual(5);
    const [duplicate] = issuesOf(`${good}warmup: 1\nwarmup: 2\n`);
    expect(duplicate).toMatchObject({ line: 5, path: '' });
    expect(duplicate?.message).toMatch(/unique/);
  });

  it('refuses a file that is not a mapping, or is empty, without throwing', () => {
    expect(issuesOf('- 1\n- 2\n')).toEqual([
      { line: 1, path: '', message: expect.stringMatching(/^a profile is a mapping of fields/) },
    ]);
    expect(issuesOf('').map((issue) => issue.path)).toEqual(['version', 'name', 'model']);
  });

  it('resolves a relative dataset against the profile folder and keeps an absolute one', () => {
    const relative = parseProfileText(`${good}dataset: eval/qa.jsonl\n`, '/p/profiles/qa.yaml');
    expect(relative.ok && relative.profile.dataset).toBe('/p/profiles/eval/qa.jsonl');
    const absolute = parseProfileText(`${good}dataset: /d/qa.jsonl\n`, '/p/profiles/qa.yaml');
    expect(absolute.ok && absolute.profile.dataset).toBe('/d/qa.jsonl');
  });
});

describe('readProfileFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profile-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file with its text, and a missing file is an issue', async () => {
    await writeFile(join(dir, 'a.yaml'), good);
    const read = await readProfileFile(join(dir, 'a.yaml'));
    expect(read).toMatchObject({ ok: true, text: good, profile: { name: 'qa', repetitions: 5 } });
    const missing = await readProfileFile(join(dir, 'b.yaml'));
    expect(missing).toMatchObject({ ok: false, text: null });
    expect(!missing.ok && missing.issues[0]?.message).toMatch(/ENOENT/);
  });
});
