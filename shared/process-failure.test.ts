import { describe, expect, it } from 'vitest';
import { processFailureCode } from './process-failure';

// The shapes Node's execFile rejects with (checked against node 22: a missing file, `sleep 5`
// with `timeout: 100`, `sh -c 'exit 3'`).
describe('processFailureCode', () => {
  it.each([
    [{ code: 'ENOENT', errno: -2, syscall: 'spawn /no/such/program' }, 'not-installed'],
    [{ code: 'EACCES', errno: -13 }, 'not-installed'],
    [{ code: null, killed: true, signal: 'SIGTERM' }, 'timeout'],
    [{ code: 3, killed: false, signal: null }, 'command-failed'],
    [new Error('anything else'), 'command-failed'],
    [undefined, 'command-failed'],
  ])('reads %j as %s', (error, code) => {
    expect(processFailureCode(error)).toBe(code);
  });
});
