import type { z } from 'zod';
import { UsageError } from './global-options';

/** Which command-line option spells each request field, by path prefix (`scenario.chunk`). */
export type OptionsByField = readonly (readonly [field: string, option: string])[];

/**
 * A number as typed: plain decimal only, so `abc`, `` (empty), `0x10` and `1e3` become NaN for
 * the schema or range check to refuse, instead of the 0, 16 or 1000 that `Number()` makes of them.
 */
export function numberArgument(text: string): number {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
}

/** A number option from `min` to `max` (whole when asked), or a usage error naming it. */
export function numberOption(
  name: string,
  text: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER, whole = false } = {},
): number {
  const value = numberArgument(text);
  if (!(value >= min && value <= max) || (whole && !Number.isInteger(value))) {
    const kind = whole ? 'a whole number' : 'a number';
    throw new UsageError(`${name} must be ${kind} from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

/**
 * The options checked by the shared schema of what they ask for (a build request, a channel's
 * args), so the CLI refuses what every other host refuses, with the schema's message; a bad one
 * is a usage error naming the option of each bad field.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  input: z.input<S>,
  optionsByField: OptionsByField,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const optionOf = (path: PropertyKey[]) => {
    const field = path.map(String).join('.');
    return optionsByField.find(([prefix]) => field.startsWith(prefix))?.[1] ?? field;
  };
  throw new UsageError(
    parsed.error.issues.map((issue) => `${optionOf(issue.path)}: ${issue.message}`).join('; '),
  );
}
