/**
 * Cuts streamed text into lines: a line may arrive in several pieces, and several lines in one.
 * `\r\n` ends a line as `\n` does (adb on Windows, a pty); blank lines are dropped.
 */
export class LineSplitter {
  #pending = '';

  /** The lines completed by `text`; an unfinished one is held until the next push. */
  push(text: string): string[] {
    const parts = (this.#pending + text).split('\n');
    this.#pending = parts.pop()!;
    return clean(parts);
  }

  /** The last line when the stream ended without a newline (else nothing). */
  end(): string[] {
    const last = this.#pending;
    this.#pending = '';
    return clean([last]);
  }
}

function clean(lines: string[]): string[] {
  return lines.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
}
