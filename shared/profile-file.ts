import { z } from 'zod';
import { profileSchema } from './profile';

/** One thing wrong with a profile: where (line, field path) and what. */
export const profileIssueSchema = z.object({
  /** 1-based line in the file; null where the field is not in the text (a missing key). */
  line: z.number().int().positive().nullable(),
  /** The field, e.g. `grid.chunk[1]`; empty for a YAML syntax error or the whole file. */
  path: z.string(),
  message: z.string(),
});
export type ProfileIssue = z.infer<typeof profileIssueSchema>;

/** Where a profile lives: shipped with the studio, or the user's own in the data dir. */
export const profileSourceSchema = z.enum(['studio', 'user']);

/** A profile file as `profile:list` names it. */
export const profileEntrySchema = z.object({
  /** The file's name without `.yaml`. */
  name: z.string(),
  /** Absolute path of the file. */
  file: z.string(),
  source: profileSourceSchema,
  valid: z.boolean(),
  issues: z.array(profileIssueSchema),
});
export type ProfileEntry = z.infer<typeof profileEntrySchema>;

/** A profile file path (`profile:get`): it must lie in one of the two profile folders. */
export const profileFileArgsSchema = z.object({ file: z.string().min(1).max(4096) }).strict();

/** What `profile:get` answers: the text as written and, when it is valid, the parsed profile. */
export const profileDocumentSchema = z.object({
  file: z.string(),
  text: z.string(),
  profile: profileSchema.nullable(),
  issues: z.array(profileIssueSchema),
});
export type ProfileDocument = z.infer<typeof profileDocumentSchema>;

/** Profile text to check or save (the file, when given, resolves a relative dataset). */
export const profileTextArgsSchema = z
  .object({ file: z.string().min(1).max(4096).optional(), text: z.string().max(1_000_000) })
  .strict();

/** Profile text and the file to write it to (`profile:save`). */
export const profileSaveArgsSchema = profileTextArgsSchema.required({ file: true });

/** What `profile:validate` answers: the issues, and the size of the grid when it is valid. */
export const profileValidationSchema = z.object({
  valid: z.boolean(),
  issues: z.array(profileIssueSchema),
  /** Runs per phone (valid scenarios) and combinations skipped as invalid (window < chunk). */
  gridPoints: z.number().int().nonnegative(),
  skippedPoints: z.number().int().nonnegative(),
});
export type ProfileValidation = z.infer<typeof profileValidationSchema>;

/** An issue as one line: `profiles/qa.yaml:7: grid.chunk[1]: chunk must be at least 1`. */
export function formatProfileIssue(file: string, issue: ProfileIssue): string {
  const where = issue.line === null ? file : `${file}:${issue.line}`;
  return issue.path === ''
    ? `${where}: ${issue.message}`
    : `${where}: ${issue.path}: ${issue.message}`;
}
