import { z } from 'zod';
import { reportDocumentSchema } from './report-document';

/** Where the generated schema is committed, relative to the studio's root. */
export const reportSchemaFile = 'reports/report.schema.json';

/**
 * The published JSON schema of the JSON reports (a sweep's report or a diff), generated from the
 * zod schema by `npm run reports:schema`; a test fails when the committed file says otherwise.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(reportDocumentSchema, {
    io: 'output',
    target: 'draft-7',
    // The one transform in these schemas, canonicalQuantSpecSchema, turns a string into its
    // canonical string: a report holds the canonical one.
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'transform') jsonSchema.type = 'string';
    },
  });
  return {
    ...schema,
    title: 'Edge Studio report',
    description:
      "A sweep's report (kind sweep-report: the sweep, its points, every configuration's statistics, every run) or two sweeps compared (kind report-diff).",
  };
}
