import { useRef, type UIEvent } from 'react';
import type { ProfileIssue, ProfileValidation } from '../../../shared/profile-file';

/** The issues of each line (issues without a line are listed under line 0). */
function issuesByLine(issues: readonly ProfileIssue[]): Map<number, ProfileIssue[]> {
  const byLine = new Map<number, ProfileIssue[]>();
  for (const issue of issues)
    byLine.set(issue.line ?? 0, [...(byLine.get(issue.line ?? 0) ?? []), issue]);
  return byLine;
}

/** The character offset where a 1-based line starts. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) offset = text.indexOf('\n', offset) + 1 || text.length;
  return offset;
}

/**
 * A YAML editor: a textarea with a line-number gutter whose lines with issues are marked, and
 * under it each issue at its line and field path (clicking one puts the caret on its line).
 */
export function ProfileEditorView({
  text,
  validation,
  onEdit,
}: {
  text: string;
  validation: ProfileValidation | null;
  onEdit(text: string): void;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLOListElement>(null);
  const issues = validation?.issues ?? [];
  const byLine = issuesByLine(issues);
  const lines = text.split('\n').length;
  const jump = (line: number) => {
    const element = area.current;
    if (!element) return;
    const at = lineOffset(text, line);
    element.focus();
    element.setSelectionRange(at, at);
  };
  const scroll = (event: UIEvent<HTMLTextAreaElement>) => {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
  };
  return (
    <div className="profile-editor">
      <div className="profile-editor-frame">
        <ol className="profile-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, index) => (
            <li key={index} className={byLine.has(index + 1) ? 'has-issue' : undefined}>
              {index + 1}
            </li>
          ))}
        </ol>
        <textarea
          ref={area}
          aria-label="Profile YAML"
          aria-invalid={issues.length > 0}
          aria-describedby="profile-issues"
          spellCheck={false}
          value={text}
          onChange={(event) => onEdit(event.target.value)}
          onScroll={scroll}
          rows={Math.min(Math.max(lines, 12), 32)}
        />
      </div>
      <ul id="profile-issues" className="profile-issues" aria-label="Profile errors">
        {issues.map((issue, index) => (
          <li key={index} data-line={issue.line ?? ''} data-path={issue.path}>
            <button type="button" className="link" onClick={() => issue.line && jump(issue.line)}>
              {issue.line === null ? 'missing' : `line ${issue.line}`}
            </button>{' '}
            {issue.path && <code>{issue.path}</code>} {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
