import { quoteArgument } from './android-quote';

/** What one command printed and how it exited. */
export interface ShellOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The line that runs `command`, keeping its stderr apart and ending with the exit marker. */
export interface SentinelCommand {
  line: string;
  marker: string;
}

/**
 * Wraps an already-quoted command for adb's legacy `shell:` service, which merges stdout and
 * stderr and carries no exit status: stderr goes to a private file, then `echo MARKER$?` prints
 * the status, then the file is printed and removed. `nonce` must be random per call, so no
 * program output can forge the marker. Pure.
 */
export function sentinelCommand(command: string, nonce: string): SentinelCommand {
  const marker = `__edge_studio_exit_${nonce}:`;
  const errorFile = quoteArgument(`/data/local/tmp/.edge-studio-stderr-${nonce}`);
  return {
    marker,
    line: `${command} 2>${errorFile}; echo ${marker}$?; cat ${errorFile}; rm -f ${errorFile}`,
  };
}

/**
 * Splits the merged output of a sentinel command into stdout, exit code and stderr. Null when
 * the marker never came (the link dropped or the command killed the shell). Pure.
 */
export function parseSentinelOutput(output: string, marker: string): ShellOutput | null {
  const at = output.lastIndexOf(marker);
  if (at < 0) return null;
  const match = /^(\d+)\r?\n/.exec(output.slice(at + marker.length));
  if (!match) return null;
  return {
    stdout: output.slice(0, at),
    exitCode: Number(match[1]),
    stderr: output.slice(at + marker.length + match[0].length),
  };
}

/**
 * Streams stdout of a sentinel command as it arrives, holding back only a tail that could be the
 * start of the marker. Returns the text safe to forward for each chunk.
 */
export class SentinelStream {
  #pending = '';
  #done = false;

  constructor(private readonly marker: string) {}

  push(chunk: string): string {
    if (this.#done) return '';
    const text = this.#pending + chunk;
    const at = text.indexOf(this.marker);
    if (at >= 0) {
      this.#done = true;
      this.#pending = '';
      return text.slice(0, at);
    }
    const keep = heldTail(text, this.marker);
    this.#pending = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }
}

/** Length of the longest suffix of `text` that is a prefix of `marker`. */
function heldTail(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
    if (marker.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}
