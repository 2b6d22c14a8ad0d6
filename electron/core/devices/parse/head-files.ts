/**
 * Splits what toybox `head -n N A B …` prints for several files into each file's text, by the
 * `==> PATH <==` line before each (and the blank line head puts after all but the last). A file
 * that could not be read has no header, so no entry: its absence is the failure. With one path
 * head prints no header, and the whole text is that file's. Pure.
 */
export function parseHeadFiles(text: string, paths: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  if (paths.length === 1) {
    if (text !== '') files.set(paths[0]!, text);
    return files;
  }
  const wanted = new Set(paths);
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current !== null) files.set(current, trimSeparator(lines));
  };
  for (const line of text.split('\n')) {
    const header = /^==> (.*) <==\r?$/.exec(line);
    if (header && wanted.has(header[1]!)) {
      flush();
      current = header[1]!;
      lines = [];
    } else lines.push(line);
  }
  flush();
  return files;
}

/** Lines of one section back into its text: the blank separator before the next header dropped. */
function trimSeparator(lines: string[]): string {
  const body = lines.join('\n');
  if (body.endsWith('\n\n')) return body.slice(0, -1);
  return body;
}
