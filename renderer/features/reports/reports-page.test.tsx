import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportBuildArgs, ReportDiff, ReportEntry } from '../../../shared/compare';
import { ok } from '../../../shared/result';
import { statistic } from '../../charts/compare-testing';
import { renderApp } from '../../testing/render-app';
import { fakeSweep } from '../sweeps/testing-sweep';

afterEach(() => {
  window.location.hash = '';
});

const sweepA = { ...fakeSweep('sweep-a', ['p1'], [16]).sweep, state: 'finished' as const };
const sweepB = { ...sweepA, id: 'sweep-b', createdAt: sweepA.createdAt + 1 };
const diff: ReportDiff = {
  a: 'sweep-a',
  b: 'sweep-b',
  regressions: 1,
  improvements: 0,
  rows: [
    {
      key: 'tiny|c16',
      label: 'c16-s4-w64-mem · float',
      deviceKey: null,
      presence: 'both',
      cells: [
        {
          metric: 'ttftMs',
          a: statistic(100, 2),
          b: statistic(130, 2),
          relativeChange: 0.3,
          verdict: 'regression',
        },
      ],
    },
  ],
};

function openReports() {
  const written: ReportEntry[] = [];
  const builds: ReportBuildArgs[] = [];
  window.location.hash = '#/reports';
  renderApp({
    'sweep:list': async () => ok({ sweeps: [sweepB, sweepA] }),
    'report:list': async () => ok({ reports: [...written] }),
    'report:build': async (args) => {
      builds.push(args);
      const entry = {
        file: `/data/reports/${args.sweepId}.${args.format}`,
        format: args.format,
        sweepId: args.sweepId,
        against: args.against ?? null,
        bytes: 2048,
        createdAt: 1,
      };
      written.unshift(entry);
      return ok(entry);
    },
    'report:diff': async () => ok(diff),
  });
  return { builds };
}

describe('Reports page', () => {
  it('builds a sweep report in the chosen format, says where, and lists it', async () => {
    const { builds } = openReports();
    const form = await screen.findByRole('form', { name: 'Build a report' }, { timeout: 15_000 });
    await screen.findAllByRole('option', { name: /ci · .*finished/ });
    fireEvent.change(within(form).getByLabelText('Format'), { target: { value: 'csv' } });
    await act(async () =>
      fireEvent.click(within(form).getByRole('button', { name: 'Build report' })),
    );
    expect(builds).toEqual([{ sweepId: 'sweep-b', format: 'csv' }]);
    expect((await screen.findByTestId('report-built')).textContent).toContain(
      '/data/reports/sweep-b.csv',
    );
    expect((await screen.findByRole('table', { name: 'Reports' })).textContent).toContain(
      '2.0 KiB',
    );
  });

  it('diffs sweep B against A in a table with the verdict', async () => {
    openReports();
    const section = await screen.findByRole(
      'region',
      { name: 'Diff two sweeps' },
      { timeout: 15_000 },
    );
    await within(section).findAllByRole('option', { name: /ci ·/ });
    fireEvent.change(within(section).getByLabelText('A (before)'), {
      target: { value: 'sweep-a' },
    });
    fireEvent.change(within(section).getByLabelText('B (after)'), { target: { value: 'sweep-b' } });
    await act(async () =>
      fireEvent.click(within(section).getByRole('button', { name: 'Compare B against A' })),
    );
    const table = await within(section).findByRole('table', { name: 'Report diff' });
    expect(table.textContent).toContain('1 regressions');
    expect(table.querySelector('td[data-verdict="regression"]')?.textContent).toBe(
      '100 → 130 ms (+30 %) regression',
    );
  });
});
