import { fail, ok, type Result } from '../../../../shared/result';

/**
 * A pid from a runner event or `ps`, checked before it goes into a command line or a path:
 * an integer above 1 (never init, never a negative "process group" for `kill`).
 */
export function validPid(pid: unknown): Result<number> {
  if (typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 1) return ok(pid);
  return fail('invalid-args', `not a process id: ${String(pid)}`);
}
