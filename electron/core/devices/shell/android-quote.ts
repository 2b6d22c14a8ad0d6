import { fail, ok, type Result } from '../../../../shared/result';

/**
 * Quotes one argument for Android's sh (mksh / toybox sh): wrapped in single quotes, where nothing
 * is special, and each `'` written as `'\''`. Pure.
 */
export function quoteArgument(argument: string): string {
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command line that runs `program` with exactly `args`, every word quoted. NUL cannot be
 * carried by a C string, so an argument holding one is refused rather than silently truncated.
 */
export function commandLine(program: string, args: readonly string[]): Result<string> {
  const words = [program, ...args];
  if (program === '') return fail('invalid-args', 'empty program name');
  if (words.some((word) => word.includes('\u0000'))) {
    return fail('invalid-args', 'a shell argument cannot contain a NUL character');
  }
  return ok(words.map(quoteArgument).join(' '));
}
