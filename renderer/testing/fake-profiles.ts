import { isNode, LineCounter, parseDocument } from 'yaml';
import type { InvokeHandlers } from '../../shared/contract';
import { profileSchema } from '../../shared/profile';
import type { ProfileEntry, ProfileValidation } from '../../shared/profile-file';
import { fail, ok } from '../../shared/result';

/**
 * Profile text checked the way `profile:validate` checks it, in the browser: the yaml package and
 * profileSchema, each issue at the line of its node (the studio's own checker is tested in
 * electron/core/sweeps; this keeps renderer tests honest about lines and paths).
 */
export function validateProfileText(text: string): ProfileValidation {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => ({
      line: error.linePos?.[0].line ?? 1,
      path: '',
      message: error.message,
    }));
    return { valid: false, issues, gridPoints: 0, skippedPoints: 0 };
  }
  const parsed = profileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const node = document.getIn(issue.path as (string | number)[], true);
      const offset = isNode(node) ? node.range?.[0] : undefined;
      return {
        line: offset === undefined ? null : lines.linePos(offset).line,
        path: issue.path
          .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
          .join('')
          .replace(/^\./, ''),
        message: issue.message,
      };
    });
    return { valid: false, issues, gridPoints: 0, skippedPoints: 0 };
  }
  const { grid } = parsed.data;
  const rest =
    grid.sink.length *
    grid.memory.length *
    grid.quant.length *
    grid.ep.length *
    grid.threads.length *
    (grid.promptTokens?.length ?? 1);
  const pairs = grid.chunk.flatMap((chunk) => grid.window.map((window) => window >= chunk));
  const gridPoints = pairs.filter(Boolean).length * rest;
  return { valid: true, issues: [], gridPoints, skippedPoints: pairs.length * rest - gridPoints };
}

/** In-memory `profile:*` handlers over a few files (`saved` records each write). */
export function fakeProfiles(files: Record<string, string>) {
  const store = new Map(Object.entries(files));
  const saved: { file: string; text: string }[] = [];
  const entry = (file: string): ProfileEntry => {
    const { valid, issues } = validateProfileText(store.get(file) ?? '');
    const name = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
    return { name, file, source: file.startsWith('/studio/') ? 'studio' : 'user', valid, issues };
  };
  const handlers: Partial<InvokeHandlers> = {
    'profile:list': async () => ok({ profiles: [...store.keys()].map(entry) }),
    'profile:get': async ({ file }) => {
      const text = store.get(file);
      if (text === undefined) return fail('not-found', `No profile ${file}`);
      const { valid, issues } = validateProfileText(text);
      const profile = valid ? profileSchema.parse(parseDocument(text).toJS()) : null;
      return ok({ file, text, profile, issues });
    },
    'profile:validate': async ({ text }) => ok(validateProfileText(text)),
    'profile:save': async ({ file, text }) => {
      if (!validateProfileText(text).valid) return fail('invalid-args', `${file} is not valid`);
      store.set(file, text);
      saved.push({ file, text });
      return ok({ file });
    },
  };
  return { handlers, saved };
}
