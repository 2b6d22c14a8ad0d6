import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandLine, quoteArgument } from './android-quote';
import { hostileArguments } from './testing-shell';

/** Runs the line through this machine's POSIX sh, which quotes like Android's mksh. */
function argvThroughSh(line: string): string[] {
  const out = execFileSync('sh', ['-c', `${line}`], { encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

const printArgv = `${JSON.stringify(process.execPath)} -e 'console.log(JSON.stringify(process.argv.slice(1)))'`;

describe('quoting for Android sh', () => {
  it('single-quotes every word', () => {
    expect(quoteArgument("it's")).toBe(`'it'\\''s'`);
    expect(commandLine('ls', ['-l', 'a b'])).toEqual({ ok: true, value: `'ls' '-l' 'a b'` });
  });

  it('refuses NUL and an empty program', () => {
    expect(commandLine('echo', ['a\u0000b']).ok).toBe(false);
    expect(commandLine('', []).ok).toBe(false);
  });

  it('hands hostile strings to the program unchanged (real sh)', () => {
    const words = hostileArguments.map(quoteArgument).join(' ');
    expect(argvThroughSh(`${printArgv} -- ${words}`)).toEqual(hostileArguments);
  });

  it('round-trips any string without NUL (property, real sh)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }), (args) => {
        const clean = args.map((arg) =>
          arg.replaceAll('\u0000', '').replace(/[\ud800-\udfff]/g, ''),
        );
        const words = clean.map(quoteArgument).join(' ');
        expect(argvThroughSh(`${printArgv} -- ${words}`)).toEqual(clean);
      }),
      { numRuns: 25 },
    );
  });
});
