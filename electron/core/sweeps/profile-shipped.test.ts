import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studioRoot } from '../paths';
import { expandGrid } from './grid';
import { readProfileFile } from './profile-file';
import { profileJsonSchema, profileSchemaFile } from './profile-schema';

const folder = join(studioRoot(), 'profiles');
const shipped = ['summarization', 'qa', 'chat', 'demo', 'ci'];
/** One runner pass of a small run on an emulated phone (a 2-repetition run takes ~1-2 s). */
const secondsPerPass = 1;

describe('shipped profiles', () => {
  it('commits the JSON schema that the zod schema generates (npm run profiles:schema)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(studioRoot(), profileSchemaFile), 'utf8'),
    );
    expect(committed).toEqual(profileJsonSchema());
  });

  it.each(shipped)(
    '%s.yaml is valid, points at the schema, and its dataset exists',
    async (name) => {
      const read = await readProfileFile(join(folder, `${name}.yaml`));
      expect(read.ok ? [] : read.issues).toEqual([]);
      expect(read.text?.startsWith('# yaml-language-server: $schema=./schema.json\n')).toBe(true);
      if (!read.ok) return;
      expect(read.profile.name).toBe(name);
      if (read.profile.dataset !== undefined) expect(existsSync(read.profile.dataset)).toBe(true);
      const { points, skipped } = expandGrid(read.profile);
      expect(points.length).toBeGreaterThan(0);
      expect(skipped).toEqual([]);
    },
  );

  it('sizes ci.yaml to finish in under a minute and demo.yaml in a few minutes on 3 phones', async () => {
    const seconds = async (name: string, phones: number) => {
      const read = await readProfileFile(join(folder, `${name}.yaml`));
      if (!read.ok) throw new Error(`${name}.yaml is invalid`);
      const { profile } = read;
      const passes = profile.warmup + profile.repetitions + profile.accuracyPrompts;
      return Math.ceil(expandGrid(profile).points.length / phones) * passes * secondsPerPass;
    };
    const ci = await readProfileFile(join(folder, 'ci.yaml'));
    expect(ci.ok && expandGrid(ci.profile).points.length).toBeGreaterThanOrEqual(2);
    expect(ci.ok && expandGrid(ci.profile).points.length).toBeLessThanOrEqual(4);
    expect(await seconds('ci', 1)).toBeLessThan(60);
    expect(await seconds('demo', 3)).toBeLessThan(5 * 60);
  });
});
