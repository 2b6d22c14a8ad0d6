import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatProfileIssue, type ProfileIssue } from '../../../shared/profile-file';
import { studioRoot } from '../paths';
import { parseProfileText } from './profile-file';
import { formatPath } from './profile-locate';

type Path = (string | number)[];
type Data = Record<string, unknown>;

/** A mutated profile and what its issues must say. */
interface Mutant {
  text: string;
  kind: string;
  /** The field the mutation broke (null for broken YAML). */
  path: Path | null;
  /** Whether that field is still in the text (a deleted field is not). */
  inText: boolean;
}

const bases: Data[] = ['summarization', 'qa', 'chat', 'demo', 'ci'].map(
  (name) => parse(readFileSync(join(studioRoot(), 'profiles', `${name}.yaml`), 'utf8')) as Data,
);
bases.push({ version: 1, name: 'min', model: 'builtin:edge-infinite-tiny' });

/** Every field of a profile, nested ones and list items included. */
function fieldsOf(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = path.length === 0 ? [] : [{ path, value }];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, i) => fieldsOf(item, [...path, i]))];
  if (typeof value === 'object' && value !== null) {
    return [
      ...here,
      ...Object.entries(value).flatMap(([key, item]) => fieldsOf(item, [...path, key])),
    ];
  }
  return here;
}

function withValue(data: Data, path: Path, value: unknown): Data {
  const copy = structuredClone(data);
  let node: Record<string | number, unknown> = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

/** A value no field of that kind accepts. */
function wrongTypes(value: unknown): unknown[] {
  if (typeof value === 'number') return ['many', true, { bogus: 1 }, [1]];
  if (typeof value === 'string') return [12345, false, { bogus: 1 }, ['a']];
  if (typeof value === 'boolean') return ['yes', 1, [true]];
  if (Array.isArray(value)) return ['x', 5, { bogus: 1 }];
  return [5, 'x', [1]];
}

const mutants = (base: Data): fc.Arbitrary<Mutant> => {
  const fields = fieldsOf(base);
  const numbers = fields.filter((field) => typeof field.value === 'number');
  const maps = [
    [],
    ...fields
      .filter((f) => typeof f.value === 'object' && !Array.isArray(f.value))
      .map((f) => f.path),
  ];
  const required = ['version', 'name', 'model'];
  const deleted = fc.constantFrom(...required).map((key): Mutant => {
    const rest = structuredClone(base);
    delete rest[key];
    return { text: stringify(rest), kind: 'deleted', path: [key], inText: false };
  });
  const wrongType = fc
    .constantFrom(...fields)
    .chain((field) =>
      fc.constantFrom(...wrongTypes(field.value)).map((value) => ({ field, value })),
    )
    .map(({ field, value }): Mutant => ({
      text: stringify(withValue(base, field.path, value)),
      kind: 'wrong type',
      path: field.path,
      inText: true,
    }));
  const outOfRange = fc
    .record({ field: fc.constantFrom(...numbers), value: fc.constantFrom(-1, -0.5, -1000) })
    .map(({ field, value }): Mutant => ({
      text: stringify(withValue(base, field.path, value)),
      kind: 'out of range',
      path: field.path,
      inText: true,
    }));
  const unknownKey = fc
    .record({
      map: fc.constantFrom(...maps),
      key: fc.constantFrom('colour', 'chunks', 'Version', 'x_y'),
    })
    .map(({ map, key }): Mutant => {
      const path = [...map, key];
      return { text: stringify(withValue(base, path, 1)), kind: 'unknown key', path, inText: true };
    });
  const brokenYaml = fc
    .record({ at: fc.nat(), line: fc.constantFrom('zz: [1, 2', 'version: 1', 'a: b: c', '- item') })
    .map(({ at, line }): Mutant => {
      const lines = stringify(base).trimEnd().split('\n');
      const tops = lines.flatMap((text, i) => (/^\S/.test(text) ? [i] : []));
      lines.splice(tops[at % tops.length]!, 0, line);
      return { text: `${lines.join('\n')}\n`, kind: 'broken YAML', path: null, inText: true };
    });
  return fc.oneof(deleted, wrongType, outOfRange, unknownKey, brokenYaml);
};

function checkIssues(mutant: Mutant, issues: ProfileIssue[]): void {
  const lines = mutant.text.split('\n');
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue.message.length).toBeGreaterThan(0);
    if (issue.line !== null) expect(issue.line).toBeLessThanOrEqual(lines.length);
    expect(formatProfileIssue('p.yaml', issue)).toMatch(/^p\.yaml(:\d+)?: /);
  }
  if (mutant.path === null) {
    expect(issues[0]).toMatchObject({ path: '' });
    expect(issues[0]?.line).toEqual(expect.any(Number));
    return;
  }
  const path = formatPath(mutant.path);
  const named = issues.find(
    (issue) =>
      issue.path === path || issue.path.startsWith(`${path}[`) || issue.path.startsWith(`${path}.`),
  );
  expect(named, `${mutant.kind} of ${path}: ${JSON.stringify(issues)}`).toBeDefined();
  if (!mutant.inText) return expect(named?.line).toBeNull();
  const key = mutant.path.findLast((segment) => typeof segment === 'string');
  // The line named is the field's own: it holds the field's key, or is one item of its list.
  const text = lines[named!.line! - 1] ?? '';
  expect(
    typeof mutant.path.at(-1) === 'number' ? /^\s*- /.test(text) : text.includes(`${String(key)}:`),
    text,
  ).toBeTruthy();
}

describe('mutated profiles', () => {
  it('1 000 mutations of valid profiles: each refused with its field (and line), none throws', () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom(...bases).chain(mutants), (mutant) => {
        kinds.set(mutant.kind, (kinds.get(mutant.kind) ?? 0) + 1);
        const parsed = parseProfileText(mutant.text, '/p/profiles/p.yaml');
        expect(parsed.ok, mutant.text).toBe(false);
        if (!parsed.ok) checkIssues(mutant, parsed.issues);
      }),
      { numRuns: 1000, seed: 18 },
    );
    expect([...kinds.keys()].sort()).toEqual([
      'broken YAML',
      'deleted',
      'out of range',
      'unknown key',
      'wrong type',
    ]);
  });

  it('every base profile is valid before it is mutated', () => {
    for (const base of bases) expect(parseProfileText(stringify(base)).ok).toBe(true);
  });
});
