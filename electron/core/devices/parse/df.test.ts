import { describe, expect, it } from 'vitest';
import { parseDf, parseDfRows } from './df';
import { fixture } from './fixtures/read-fixture';

/** Rows of a toybox capture: one `N%` word each. */
const rowCount = (text: string) => text.match(/ \d+% /g)?.length ?? 0;

describe('df on real captures (fixtures/SOURCES.md)', () => {
  it('toybox df of a Galaxy Tab A8 (Android 13): every row, /data and the SD card', () => {
    const text = fixture('df-galaxy-tab-a8.txt');
    const rows = parseDfRows(text);
    expect(rows).toHaveLength(rowCount(text));
    expect(rows[0]).toEqual({ mount: '/', totalKb: 3694388, availableKb: 20324 });
    expect(rows.find((row) => row.mount === '/data')).toEqual({
      mount: '/data',
      totalKb: 4192256,
      availableKb: 1414280,
    });
    // The last row, with no line end after it.
    expect(rows.at(-1)).toEqual({
      mount: '/mnt/installer/0/641D-15F4',
      totalKb: 30220000,
      availableKb: 16208384,
    });
  });

  it('toybox df of a Xiaomi Mi 6 after its shell prompt line', () => {
    const text = fixture('df-mi6-sagit.txt');
    const rows = parseDfRows(text);
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual({ mount: '/', totalKb: 2828340, availableKb: 2822012 });
    expect(rows.find((row) => row.mount === '/data')?.availableKb).toBe(79553608);
  });

  it.each(['df-tf201-toolbox.txt', 'df-toolbox-aafm.txt'])(
    'reads no rows from Android ≤ 6 toolbox df (%s: rounded sizes, no Use%%), rather than misreading',
    (name) => {
      expect(parseDfRows(fixture(name))).toEqual([]);
      expect(parseDf(fixture(name))).toBeNull();
    },
  );
});
