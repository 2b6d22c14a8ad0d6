import { describe, expect, it } from 'vitest';
import { diffCell, diffConfigurations } from './compare-diff';
import type { Statistic } from './run-metrics';

function stat(median: number, ciLow: number, ciHigh: number): Statistic {
  return { n: 5, median, p90: ciHigh, mean: median, sd: 1, ciLow, ciHigh };
}

describe('diffCell', () => {
  it('flags a regression or an improvement only when the 95 % intervals separate', () => {
    // TTFT: lower is better. B's interval wholly above A's is a regression.
    expect(diffCell('ttftMs', stat(100, 95, 105), stat(120, 110, 130)).verdict).toBe('regression');
    expect(diffCell('ttftMs', stat(100, 95, 105), stat(80, 75, 90)).verdict).toBe('improvement');
    // A median 15 % worse whose interval still touches A's is unchanged.
    const overlapping = diffCell('ttftMs', stat(100, 90, 120), stat(115, 105, 130));
    expect(overlapping).toMatchObject({ verdict: 'unchanged' });
    expect(overlapping.relativeChange).toBeCloseTo(0.15, 10);
    // Prefill tok/s: higher is better.
    expect(diffCell('prefillTokS', stat(900, 880, 920), stat(700, 680, 720)).verdict).toBe(
      'regression',
    );
    expect(diffCell('prefillTokS', stat(900, 880, 920), null)).toMatchObject({
      verdict: 'missing',
      relativeChange: null,
    });
  });
});

describe('diffConfigurations', () => {
  const config = (key: string, deviceKey: string | null, ttft: Statistic) => ({
    key: `${deviceKey ?? 'farm'}|${key}`,
    configKey: key,
    label: key,
    deviceKey,
    stats: { ttftMs: ttft },
  });

  it('matches configurations farm-wide by configKey, per phone by key, and counts verdicts', () => {
    const a = {
      sweepId: 'A',
      configurations: [config('x', 'p1', stat(100, 95, 105)), config('gone', 'p1', stat(1, 1, 1))],
    };
    const b = {
      sweepId: 'B',
      configurations: [config('x', 'p2', stat(150, 140, 160)), config('new', 'p2', stat(1, 1, 1))],
    };
    const farm = diffConfigurations(a, b, 'farm');
    expect(farm.rows.map((row) => [row.key, row.presence])).toEqual([
      ['x', 'both'],
      ['gone', 'only-a'],
      ['new', 'only-b'],
    ]);
    expect(farm).toMatchObject({ a: 'A', b: 'B', regressions: 1, improvements: 0 });
    const perPhone = diffConfigurations(a, b, 'per-phone');
    expect(perPhone.rows.map((row) => row.presence)).toEqual([
      'only-a',
      'only-a',
      'only-b',
      'only-b',
    ]);
    expect(perPhone.regressions).toBe(0);
  });
});
