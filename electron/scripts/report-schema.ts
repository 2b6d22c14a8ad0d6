/**
 * Writes `reports/report.schema.json` from the zod report schema (`npm run reports:schema`), in
 * the repository's prettier style; a test fails when the committed file says other than the schema.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { studioRoot } from '../core/paths';
import { reportJsonSchema, reportSchemaFile } from '../core/reports/report-schema';

const file = join(studioRoot(), reportSchemaFile);
const style = await resolveConfig(file);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, await format(JSON.stringify(reportJsonSchema()), { ...style, filepath: file }));
process.stdout.write(`wrote ${file}\n`);
