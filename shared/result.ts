import { z } from 'zod';

/** Codes of the failures a caller is expected to handle (bugs throw instead). */
export const errorCodes = [
  'invalid-args',
  'invalid-frame',
  'unknown-channel',
  'untrusted-sender',
  'unauthorized',
  'not-found',
  'invalid-model',
  'build-failed',
  'unavailable',
  'disconnected',
  'device-lost',
  'insufficient-space',
  'verify-failed',
  'cancelled',
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
