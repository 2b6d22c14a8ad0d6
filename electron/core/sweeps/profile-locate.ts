import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { z } from 'zod';
import type { ProfileIssue } from '../../../shared/profile-file';

type Segment = PropertyKey;

/**
 * Turns zod's issues into profile issues: each names its field path and the line of that field in
 * the YAML text (the nearest enclosing field's line when the field itself is missing).
 */
export function locateIssues(
  issues: readonly z.core.$ZodIssue[],
  document: Document,
  lines: LineCounter,
): ProfileIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        located([...issue.path, key], `unknown field "${key}"`, document, lines),
      );
    }
    if (issue.path.length === 0 && issue.code === 'invalid_type') {
      const message = 'a profile is a mapping of fields (version: 1, name, model, grid, …)';
      return [{ line: 1, path: '', message }];
    }
    return [located(issue.path, issue.message, document, lines)];
  });
}

/** A field path as people write it: `grid.chunk[1]`, `devices.model[0]`. */
export function formatPath(path: readonly Segment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const name = String(segment);
    if (!/^[A-Za-z_][\w-]*$/.test(name)) return `${text}[${JSON.stringify(name)}]`;
    return text === '' ? name : `${text}.${name}`;
  }, '');
}

function located(
  path: readonly Segment[],
  message: string,
  document: Document,
  lines: LineCounter,
): ProfileIssue {
  const offset = offsetOf(document.contents, path);
  const line = offset === null ? null : lines.linePos(offset).line;
  return { line, path: formatPath(path), message: message || 'invalid value' };
}

/**
 * The text offset of the deepest part of `path` that the document holds: a scalar value where the
 * path ends on one, else the key that names the field (a block map's value starts a line later).
 */
function offsetOf(root: unknown, path: readonly Segment[]): number | null {
  let node: unknown = root;
  let offset: number | null = null;
  for (const segment of path) {
    const step = childOf(node, segment);
    if (step === null) return offset;
    offset = step.offset ?? offset;
    node = step.node;
  }
  if (path.length > 0 && (isScalar(node) || isFlow(node))) offset = rangeStart(node) ?? offset;
  return offset;
}

function childOf(node: unknown, segment: Segment): { node: unknown; offset: number | null } | null {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(segment),
    );
    if (pair === undefined) return null;
    return { node: pair.value, offset: rangeStart(pair.key) ?? rangeStart(pair.value) };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? null : { node: item, offset: rangeStart(item) };
  }
  return null;
}

function isFlow(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

function rangeStart(node: unknown): number | null {
  const range = (node as Partial<Node> | null)?.range;
  return range ? range[0] : null;
}
