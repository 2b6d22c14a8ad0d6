import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/run-metrics';
import { RunSummaryFacts } from './run-summary-panels';
import { fakeSummary } from './testing-run-page';

afterEach(cleanup);

/** The summary's facts as term → value. */
function facts(summary: RunSummary): Map<string, string> {
  render(<RunSummaryFacts summary={summary} />);
  const list = within(screen.getByTestId('run-summary'));
  const terms = list.getAllByRole('term').map((term) => term.textContent ?? '');
  const values = list.getAllByRole('definition').map((value) => value.textContent ?? '');
  return new Map(terms.map((term, k) => [term, values[k]!]));
}

const statistic = (median: number) => ({ ...fakeSummary(median).stats.ttftMs!, median });

describe('run summary facts', () => {
  it('gives cold and warm TTFT, prefill and load in the words of the CLI', () => {
    const summary: RunSummary = {
      ...fakeSummary(30),
      stats: { ...fakeSummary(30).stats, prefillTokS: statistic(812.34) },
      coldTtftMs: 45.25,
      warmTtftMs: 30.5,
      loadMs: 123.45,
    };
    const shown = facts(summary);
    expect(shown.get('TTFT cold / warm')).toBe('cold 45.3 ms, warm 30.5 ms');
    expect(shown.get('Prefill median')).toBe('812.3 tok/s');
    expect(shown.get('Load')).toBe('123.5 ms (session create, both graphs)');
  });

  it('says n/a for what was not measured', () => {
    const summary = { ...fakeSummary(30), coldTtftMs: 45, warmTtftMs: null, loadMs: null };
    const shown = facts(summary);
    expect(shown.get('TTFT cold / warm')).toBe('cold 45.0 ms, warm n/a');
    expect(shown.get('Prefill median')).toBe('—');
    expect(shown.get('Load')).toBe('n/a (session create, both graphs)');
  });

  it('counts the throttled repetitions left out, or says they were counted', () => {
    const base = fakeSummary(30);
    const leftOut = { ...base, repetitions: { ...base.repetitions, excludedThrottled: 2 } };
    expect(facts(leftOut).get('Repetitions')).toBe(
      '3 measured, 1 warm-up, 2 throttled repetitions excluded from the statistics',
    );
    cleanup();
    const counted = { ...base, thermal: { ...base.thermal, includeThrottled: true } };
    expect(facts(counted).get('Repetitions')).toBe(
      '3 measured, 1 warm-up, throttled repetitions counted in the statistics',
    );
  });
});
