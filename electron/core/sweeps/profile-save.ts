import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isNode, parseDocument } from 'yaml';
import type { ProfileIssue } from '../../../shared/profile-file';
import { parseProfileText } from './profile-file';

/** A save: written, or refused with the issues of the text (nothing written). */
export type ProfileSave = { ok: true; file: string } | { ok: false; issues: ProfileIssue[] };

/**
 * Validates profile text and writes it to `file` atomically (a temp file beside it, then a
 * rename), so a reader never sees half a profile. The text is written as given: its comments stay.
 */
export async function saveProfileText(file: string, text: string): Promise<ProfileSave> {
  const parsed = parseProfileText(text, file);
  if (!parsed.ok) return parsed;
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
  return { ok: true, file };
}

/**
 * Sets one field of profile text through yaml's Document API, keeping every comment (the field's
 * own too) and the layout of the rest: the Profiles page edits a field this way, e.g.
 * `['grid', 'chunk']`. Null when the text is not YAML that can hold such a field.
 */
export function setProfileField(
  text: string,
  path: readonly (string | number)[],
  value: unknown,
): string | null {
  const document = parseDocument(text);
  if (document.errors.length > 0) return null;
  const old: unknown = document.getIn(path, true);
  const node = document.createNode(value, { flow: Array.isArray(value) });
  if (isNode(old)) {
    node.comment = old.comment;
    node.commentBefore = old.commentBefore;
    node.spaceBefore = old.spaceBefore;
  }
  try {
    document.setIn(path, node);
    return document.toString({ flowCollectionPadding: false });
  } catch {
    return null; // a path through a scalar: there is no field to set
  }
}
