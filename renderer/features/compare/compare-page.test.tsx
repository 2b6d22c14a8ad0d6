import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompareQuery, Configuration } from '../../../shared/compare';
import { significance } from '../../../shared/compare-statistics';
import { ok } from '../../../shared/result';
import { compareResult, configuration } from '../../charts/compare-testing';
import { renderApp } from '../../testing/render-app';
import { fakeSweep } from '../sweeps/testing-sweep';

afterEach(() => {
  window.location.hash = '';
});

const phone = 'emulator-5554';
const configurations = [
  configuration({ scenario: { window: 64 }, ttftMs: 100, peakMib: 600, pareto: true }),
  configuration({ scenario: { window: 128 }, ttftMs: 150, peakMib: 300, pareto: true }),
  configuration({ scenario: { window: 256 }, ttftMs: 220, peakMib: 350, cosine: 0.9 }),
  configuration({
    scenario: { window: 512 },
    status: 'infeasible',
    reason: 'state over half the RAM',
  }),
];

/** The Compare page over a studio with one finished sweep whose compare answer is fixed. */
async function openCompare() {
  const queries: CompareQuery[] = [];
  const sweep = { ...fakeSweep('sweep-1', [phone], [64]).sweep, state: 'finished' as const };
  window.location.hash = '#/compare';
  const result = compareResult(configurations);
  renderApp({
    'sweep:list': async () => ok({ sweeps: [sweep] }),
    'compare:query': async (query) => {
      queries.push(query);
      return ok({ ...result, query, budgets: { maxPeakMemoryMb: 1000 } });
    },
    // The studio tests the values the runs pooled; here three TTFTs around each median.
    'compare:significance': async ({ a, b }) => {
      const [first, second] = [a, b].map((key) =>
        result.configurations.find((c) => c.key === key)!,
      );
      const ttfts = (config: Configuration) => {
        const median = config.stats.ttftMs!.median;
        return [median - 2, median, median + 3];
      };
      const labels = { a: `A (${first!.label})`, b: `B (${second!.label})` };
      return ok([
        significance('ttftMs', ttfts(first!), ttfts(second!), labels),
        significance('kl', [], [], labels),
      ]);
    },
  });
  // The first render loads recharts and the page; a busy machine needs more than the default 1 s.
  const recommendation = await screen.findByRole(
    'list',
    { name: 'Recommendation' },
    { timeout: 15_000 },
  );
  return { queries, recommendation };
}

describe('Compare page', () => {
  it('compares the newest finished sweep: recommendation, Pareto chart, every configuration', async () => {
    const { queries, recommendation } = await openCompare();
    expect(queries).toEqual([{ sweepIds: ['sweep-1'], runIds: [], scope: 'per-phone' }]);
    expect(recommendation.textContent).toContain(
      'c64-s4-w64-mem · int4-g32 is fastest within 1000 MiB',
    );
    const pareto = screen.getByRole('region', { name: 'TTFT × peak memory (Pareto)' });
    expect(pareto.querySelectorAll('.compare-point')).toHaveLength(3);
    expect(within(pareto).getByText(/state over half the RAM/)).toBeTruthy();
    const table = screen.getByRole('table', { name: /4 configurations/ });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 4);
    expect((screen.getByLabelText('Memory budget (MiB)') as HTMLInputElement).value).toBe('1000');
  });

  it('checks budgets as typed and recommends again under a valid one without asking the studio', async () => {
    const { queries, recommendation } = await openCompare();
    const memory = screen.getByLabelText('Memory budget (MiB)');
    await act(async () => fireEvent.change(memory, { target: { value: '-5' } }));
    expect(screen.getByRole('alert').textContent).toBe('Memory budget must be above 0');
    expect(memory.getAttribute('aria-invalid')).toBe('true');
    await act(async () => fireEvent.change(memory, { target: { value: '400' } }));
    expect(memory.getAttribute('aria-invalid')).toBeNull();
    expect(recommendation.textContent).toContain(
      'c64-s4-w128-mem · int4-g32 is fastest within 400 MiB',
    );
    expect(recommendation.textContent).toContain('1.50× the TTFT of the fastest');
    const fidelity = screen.getByLabelText('Minimum fidelity (cosine, 0–1)');
    await act(async () => fireEvent.change(fidelity, { target: { value: '1.5' } }));
    expect(screen.getByRole('alert').textContent).toContain('between 0 and 1');
    expect(queries).toHaveLength(1);
  });

  it('sorts the table by a column and compares two configurations in words', async () => {
    await openCompare();
    const table = screen.getByRole('table', { name: /4 configurations/ });
    const firstLabel = () =>
      within(table).getAllByRole('row')[1]!.querySelectorAll('td')[1]!.textContent;
    expect(firstLabel()).toBe('c64-s4-w64-mem · int4-g32');
    await act(async () =>
      fireEvent.click(within(table).getByRole('button', { name: /TTFT median/ })),
    );
    expect(firstLabel()).toBe('c64-s4-w256-mem · int4-g32');
    expect(
      within(table)
        .getByRole('columnheader', { name: /TTFT median/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');
    const tests = await screen.findByRole('list', { name: 'Significance' });
    expect(tests.textContent).toMatch(
      /B \(c64-s4-w128-mem · int4-g32\) is slower than A \(c64-s4-w64-mem · int4-g32\): p [=<] /,
    );
    await act(async () =>
      fireEvent.click(
        within(table).getByRole('button', { name: 'Compare c64-s4-w256-mem · int4-g32 as B' }),
      ),
    );
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Significance' }).textContent).toContain(
        'B (c64-s4-w256-mem · int4-g32)',
      ),
    );
    expect(
      screen.getByRole('region', { name: 'Side by side' }).querySelectorAll('.recharts-wrapper'),
    ).toHaveLength(4);
  });

  it('asks again farm-wide when the scope changes', async () => {
    const { queries } = await openCompare();
    await act(async () => fireEvent.click(screen.getByLabelText(/farm-wide/)));
    expect(queries.at(-1)).toEqual({ sweepIds: ['sweep-1'], runIds: [], scope: 'farm' });
  });
});
