import { assertNever, type ErrorCode } from './result';

/** What the user can do about a failure with this code, shown after its message. */
export function errorHint(code: ErrorCode): string {
  switch (code) {
    case 'invalid-args':
    case 'invalid-frame':
    case 'unknown-channel':
      return 'the request was refused; check what was entered';
    case 'untrusted-sender':
    case 'unauthorized':
      return 'open the studio from the address it printed';
    case 'not-found':
      return 'it no longer exists; refresh the list';
    case 'invalid-model':
      return 'choose an ONNX model file';
    case 'build-failed':
      return 'see the build log';
    case 'timeout':
      return 'it did not answer in time; try again';
    case 'command-failed':
      return 'the command failed; see its output above';
    case 'busy':
      return 'someone else is using it; try again when they are done';
    case 'not-installed':
      return 'install what is missing, then try again';
    case 'unavailable':
      return 'it cannot be used right now; try again later';
    case 'disconnected':
    case 'device-lost':
      return 'check the phone is connected, then try again';
    case 'insufficient-space':
      return 'free space on the phone';
    case 'out-of-memory':
      return 'the phone ran out of memory; try a smaller quantisation, window or chunk';
    case 'verify-failed':
      return 'the copy was damaged on the way; push again';
    case 'cancelled':
      return 'it was cancelled';
    case 'internal':
      return 'a bug in the studio; the log has the details';
    default:
      return assertNever(code);
  }
}
