import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { profileSchema, type Profile } from '../../../shared/profile';
import type { ProfileIssue } from '../../../shared/profile-file';
import { locateIssues } from './profile-locate';

/** A profile read from YAML text: the profile, or every issue found, each with line and field. */
export type ProfileParse =
  { ok: true; profile: Profile; document: Document } | { ok: false; issues: ProfileIssue[] };

/** A profile file read from disk: as parsed, with the text as it is on disk (null: unreadable). */
export type ProfileRead = ProfileParse & { file: string; text: string | null };

/**
 * Parses and validates profile text. `file` is where it lives (or would): a relative `dataset`
 * resolves against its folder. Never throws on bad input.
 */
export function parseProfileText(text: string, file?: string): ProfileParse {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    return { ok: false, issues: document.errors.map((error) => syntaxIssue(error, lines)) };
  }
  const data = toData(document);
  if (!data.ok) return { ok: false, issues: [{ line: null, path: '', message: data.message }] };
  const parsed = profileSchema.safeParse(data.value ?? {});
  if (!parsed.success) {
    return { ok: false, issues: locateIssues(parsed.error.issues, document, lines) };
  }
  return { ok: true, profile: resolveDataset(parsed.data, file), document };
}

/** Reads and validates a profile file; an unreadable file is one issue, not a throw. */
export async function readProfileFile(file: string): Promise<ProfileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message = `cannot read the profile: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    return { ok: false, issues: [{ line: null, path: '', message }], file, text: null };
  }
  return { ...parseProfileText(text, file), file, text };
}

function syntaxIssue(error: Document['errors'][number], lines: LineCounter): ProfileIssue {
  const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line;
  // yaml's message ends with " at line N, column M:" and a code frame; the line is ours to say.
  const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return { line, path: '', message: `YAML syntax error: ${message}` };
}

function toData(document: Document): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    // Aliases are expanded with yaml's own cap on their count (no billion laughs).
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return {
      ok: false,
      message: `YAML error: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function resolveDataset(profile: Profile, file: string | undefined): Profile {
  const { dataset } = profile;
  if (dataset === undefined || file === undefined || isAbsolute(dataset)) return profile;
  return { ...profile, dataset: resolve(dirname(file), dataset) };
}
