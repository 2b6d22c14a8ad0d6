import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './shell-parse';

describe('parseCommandLine', () => {
  it('splits words with quoting and expands variables', () => {
    const parsed = parseCommandLine(`echo "a b" 'c;d' $X`, { X: 'x' });
    expect(parsed).toEqual({
      ok: true,
      value: [{ connector: null, command: { argv: ['echo', 'a b', 'c;d', 'x'], redirects: [] } }],
    });
  });

  it('keeps connectors in order', () => {
    const parsed = parseCommandLine('a; b && c || d & e');
    expect(parsed.ok && parsed.value.map((item) => [item.connector, item.command.argv[0]])).toEqual(
      [
        [null, 'a'],
        [';', 'b'],
        ['&&', 'c'],
        ['||', 'd'],
        [';', 'e'],
      ],
    );
    expect(parsed.ok && parsed.value[3]!.command.background).toBe(true);
  });

  it('parses >, >> and 2>&1', () => {
    const parsed = parseCommandLine('cat f > out 2>&1; echo x >> log 2>/dev/null');
    expect(parsed.ok && parsed.value.map((item) => item.command)).toEqual([
      {
        argv: ['cat', 'f'],
        redirects: [
          { fd: 1, kind: 'file', append: false, target: 'out' },
          { fd: 2, kind: 'dup', to: 1 },
        ],
      },
      {
        argv: ['echo', 'x'],
        redirects: [
          { fd: 1, kind: 'file', append: true, target: 'log' },
          { fd: 2, kind: 'file', append: false, target: '/dev/null' },
        ],
      },
    ]);
  });

  it('refuses pipes and dangling operators', () => {
    expect(parseCommandLine('ps -A | grep x').ok).toBe(false);
    expect(parseCommandLine('a &&').ok).toBe(false);
    expect(parseCommandLine('&& a').ok).toBe(false);
  });

  it('ignores comments and treats globs literally', () => {
    const parsed = parseCommandLine('ls *.so # listing');
    expect(parsed.ok && parsed.value[0]!.command.argv).toEqual(['ls', '*.so']);
  });
});
