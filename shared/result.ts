import { z } from 'zod';

/**
 * Codes of the failures a caller is expected to handle (bugs throw instead), one line each on
 * what happened and what a caller can do about it.
 */
export const errorCodes = [
  /** The args failed the channel's schema (or a value in them is refused): fix the request. */
  'invalid-args',
  /** A bridge frame is not a valid frame (not JSON text, too big, off-schema). */
  'invalid-frame',
  /** No such invoke channel. */
  'unknown-channel',
  /** The message came from a frame other than the studio's own window: dropped. */
  'untrusted-sender',
  /** The web bridge's token is missing or wrong. */
  'unauthorized',
  /** The thing named (phone, file, artifact, key) does not exist. */
  'not-found',
  /** The model file cannot be read as the ONNX model it should be. */
  'invalid-model',
  /** A graph build went wrong in a way the build reports. */
  'build-failed',
  /** It did not answer in time: retrying may work (maybe with a longer timeout). */
  'timeout',
  /** A program ran and exited non-zero (its stderr is in the message): retrying rarely helps. */
  'command-failed',
  /** Someone else holds it (a phone's lease): wait for them, or retry later. */
  'busy',
  /** A tool or build output this needs is missing on this machine (adb, the built renderer). */
  'not-installed',
  /** Cannot be used now, for no reason above (a phone offline or unauthorised): try later. */
  'unavailable',
  /** The link to a phone or adb server dropped mid-operation: reconnect, then retry. */
  'disconnected',
  /** A phone went away during a job (DEVICE_LOST): the job cannot finish on it. */
  'device-lost',
  /** The phone lacks the space the job needs, even after evicting the cache. */
  'insufficient-space',
  /** The phone's memory budget killed it (or it could not allocate): a smaller build may fit. */
  'out-of-memory',
  /** What arrived on the phone is not what was sent (hash mismatch): retry the push. */
  'verify-failed',
  /** The caller (or Ctrl-C) cancelled it. */
  'cancelled',
  /** A bug: a handler threw; the studio's log has the stack. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const studioErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});

/** An expected failure, carried as a value across every host boundary. */
export type StudioError = z.infer<typeof studioErrorSchema>;

/** The outcome of an operation that can fail in an expected way. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: StudioError };

/** Builds the schema of `Result<T>` for a given value schema. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: studioErrorSchema }),
  ]);
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Marks a switch branch that must be unreachable when every union member is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** Renders a zod error as one line naming each offending field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
