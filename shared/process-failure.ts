import type { ErrorCode } from './result';

/**
 * The error code of a program that could not be run to success, from the error Node's
 * `execFile`/`spawn` gives (read by shape, so this stays pure): no such executable is
 * `not-installed`, killed by its `timeout` is `timeout`, anything else (a non-zero exit, a signal)
 * is `command-failed`.
 */
export function processFailureCode(
  error: unknown,
): Extract<ErrorCode, 'not-installed' | 'timeout' | 'command-failed'> {
  const failed = (error ?? {}) as { code?: unknown; killed?: unknown };
  if (failed.code === 'ENOENT' || failed.code === 'EACCES') return 'not-installed';
  if (failed.killed === true) return 'timeout';
  return 'command-failed';
}
