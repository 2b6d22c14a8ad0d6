import type { Result } from '../../../../shared/result';
import type { ShellOutput } from '../../devices/shell/shell-sentinel';
import { runShell, type ShellTransport } from '../../devices/shell/device-shell';
import { LineSplitter } from './line-splitter';

/** A logcat capture under way. */
export interface LogcatCapture {
  /** Ends the capture; the lines kept (the last `maxLines`), oldest first. */
  stop(): Promise<string[]>;
  /** The lines kept so far. */
  lines(): readonly string[];
}

/** How much to keep, and who else wants each line. */
export interface LogcatOptions {
  /** Lines kept (the last ones; default 1000). */
  maxLines?: number;
  onLine?(line: string): void;
}

const noTimeoutMs = 2_147_483_647;

/**
 * Streams the phone's logcat (`-v threadtime`) from now until `stop()`. `logcat -T 1` starts at
 * the newest buffered line rather than the whole old buffer (`-T` with a time would need the
 * phone's clock); that one older line is read first with `logcat -t 1` and dropped when the
 * stream repeats it. A dropped link ends the capture early; `stop()` still answers its lines.
 */
export async function captureLogcat(
  device: ShellTransport,
  options: LogcatOptions = {},
): Promise<LogcatCapture> {
  const newest = await runShell(device, 'logcat', ['-v', 'threadtime', '-t', '1']);
  let skip = newest.ok ? (new LineSplitter().push(newest.value.stdout).at(-1) ?? null) : null;
  const kept: string[] = [];
  const max = options.maxLines ?? 1000;
  const splitter = new LineSplitter();
  const take = (lines: string[]) => {
    for (const line of lines) {
      if (skip !== null && line === skip) {
        skip = null;
        continue;
      }
      skip = null;
      kept.push(line);
      if (kept.length > max) kept.shift();
      options.onLine?.(line);
    }
  };
  const controller = new AbortController();
  const streaming: Promise<Result<ShellOutput>> = runShell(
    device,
    'logcat',
    ['-v', 'threadtime', '-T', '1'],
    {
      timeoutMs: noTimeoutMs,
      signal: controller.signal,
      onStdout: (text) => take(splitter.push(text)),
    },
  );
  return {
    lines: () => kept,
    stop: async () => {
      controller.abort();
      await streaming;
      take(splitter.end());
      return [...kept];
    },
  };
}
