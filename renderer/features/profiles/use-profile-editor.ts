import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfileIssue, ProfileValidation } from '../../../shared/profile-file';
import { fail, ok, type Result } from '../../../shared/result';
import { useStudio } from '../../studio-context';

/** How long typing must pause before the text is validated. */
export const validateDelayMs = 250;

/** The profile being edited: its text, the last validation of that text, and save. */
export interface ProfileEditor {
  file: string | null;
  text: string;
  /** The validation of `text`; null while it is being checked. */
  validation: ProfileValidation | null;
  dirty: boolean;
  /** Opens a file's text (`unsaved`: a new file, not written yet). */
  open(file: string, text: string, unsaved?: boolean): void;
  edit(text: string): void;
  /** Saves when valid; an invalid text is refused with its issues, the file untouched. */
  save(): Promise<Result<{ file: string }>>;
}

/**
 * State of the profile editor: every edit is validated through `profile:validate` once typing
 * pauses (an answer for older text is dropped), so issues stay at the lines of what is shown.
 */
export function useProfileEditor(): ProfileEditor {
  const studio = useStudio();
  const [file, setFile] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [savedText, setSavedText] = useState('');
  const [validation, setValidation] = useState<ProfileValidation | null>(null);
  const latest = useRef({ file, text });
  latest.current = { file, text };

  const validate = useCallback(
    async (target: string | null, body: string) => {
      const checked = await studio.invoke('profile:validate', {
        text: body,
        ...(target ? { file: target } : {}),
      });
      if (latest.current.text !== body) return null;
      const value = checked.ok ? checked.value : unreadable(checked.error.message);
      setValidation(value);
      return value;
    },
    [studio],
  );
  useEffect(() => {
    if (file === null) return;
    setValidation(null);
    const timer = setTimeout(() => void validate(file, text), validateDelayMs);
    return () => clearTimeout(timer);
  }, [file, text, validate]);

  const open = useCallback((target: string, body: string, unsaved = false) => {
    setFile(target);
    setText(body);
    setSavedText(unsaved ? '' : body);
  }, []);
  const save = useCallback(async (): Promise<Result<{ file: string }>> => {
    const { file: target, text: body } = latest.current;
    if (target === null) return fail('invalid-args', 'No profile is open');
    const checked = await validate(target, body);
    if (checked && !checked.valid) return fail('invalid-args', refusal(checked.issues));
    const saved = await studio.invoke('profile:save', { file: target, text: body });
    if (saved.ok) setSavedText(body);
    return saved.ok ? ok(saved.value) : saved;
  }, [studio, validate]);
  return { file, text, validation, dirty: text !== savedText, open, edit: setText, save };
}

function unreadable(message: string): ProfileValidation {
  return {
    valid: false,
    issues: [{ line: null, path: '', message }],
    gridPoints: 0,
    skippedPoints: 0,
  };
}

function refusal(issues: readonly ProfileIssue[]): string {
  const lines = issues.map(
    (issue) =>
      `${issue.line === null ? '' : `line ${issue.line}: `}${issue.path || 'file'}: ${issue.message}`,
  );
  return `Not saved: the profile has ${issues.length} error${issues.length === 1 ? '' : 's'} (${lines.join('; ')})`;
}
