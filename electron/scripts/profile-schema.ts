/**
 * Writes `profiles/schema.json` from the zod profile schema (`npm run profiles:schema`), in the
 * repository's prettier style; a test fails when the committed file says other than the schema.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { studioRoot } from '../core/paths';
import { profileJsonSchema, profileSchemaFile } from '../core/sweeps/profile-schema';

const file = join(studioRoot(), profileSchemaFile);
const style = await resolveConfig(file);
writeFileSync(
  file,
  await format(JSON.stringify(profileJsonSchema()), { ...style, filepath: file }),
);
process.stdout.write(`wrote ${file}\n`);
