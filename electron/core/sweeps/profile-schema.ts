import { z } from 'zod';
import { profileSchema } from '../../../shared/profile';

/** Where the generated schema is committed, relative to the studio's root. */
export const profileSchemaFile = 'profiles/schema.json';

/**
 * The JSON schema of profile files, generated from the zod schema (what a file may say: defaults
 * make fields optional), for editor completion through `# yaml-language-server: $schema=`.
 */
export function profileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(profileSchema, { io: 'input', target: 'draft-7' });
  return {
    ...schema,
    title: 'Edge Studio scenario profile',
    description: 'A scenario profile: what to sweep, on which phones, under which budgets.',
  };
}
