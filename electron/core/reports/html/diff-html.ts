import type { DiffCell, ReportDiff } from '../../../../shared/compare';
import { runMetrics } from '../../../../shared/run-metrics';
import type { DiffReportData } from '../report-document';
import { reportDocument, section, table } from './document';
import { dash, formatChange, formatMib, formatMs, formatNumber, formatTime } from './format';
import { html, type Markup } from './markup';

/** A statistic's median and CI in the metric's unit. */
function figure(cell: DiffCell, side: 'a' | 'b'): string {
  const stat = cell[side];
  if (!stat) return dash;
  const unit = runMetrics[cell.metric].unit;
  const one = (value: number) =>
    unit === 'ms'
      ? formatMs(value)
      : unit === 'B'
        ? formatMib(value)
        : formatNumber(value, 1, unit);
  return `${one(stat.median)} (${one(stat.ciLow)}–${one(stat.ciHigh)})`;
}

function rowsOf(diff: ReportDiff): (Markup | string)[][] {
  return diff.rows.flatMap((row) =>
    row.cells.map((cell) => [
      row.label,
      row.deviceKey ?? 'farm',
      row.presence,
      runMetrics[cell.metric].label,
      figure(cell, 'a'),
      figure(cell, 'b'),
      formatChange(cell.relativeChange),
      html`<span class="verdict-${cell.verdict}">${cell.verdict}</span>`,
    ]),
  );
}

/** Regressions first, in words: what got worse, by how much. */
function regressionList(diff: ReportDiff): Markup {
  const flagged = diff.rows.flatMap((row) =>
    row.cells
      .filter((cell) => cell.verdict === 'regression')
      .map(
        (cell) =>
          html`<li>
            ${row.label}${row.deviceKey ? ` on ${row.deviceKey}` : ''}:
            ${runMetrics[cell.metric].label} ${formatChange(cell.relativeChange)}
            (${figure(cell, 'a')} → ${figure(cell, 'b')})
          </li>`,
      ),
  );
  return flagged.length === 0
    ? html`<p>No regression: no metric's 95 % confidence interval separated for the worse.</p>`
    : html`<ul>
        ${flagged}
      </ul>`;
}

const headings = [
  'Configuration',
  'Phone',
  'In',
  'Metric',
  'A: median (95 % CI)',
  'B: median (95 % CI)',
  'Change',
  'Verdict',
];

/**
 * Two sweeps compared configuration by configuration as one self-contained HTML file: a
 * regression or improvement is flagged only where the two 95 % CIs do not overlap.
 */
export function diffReportHtml(data: DiffReportData): string {
  const { a, b, diff } = data;
  const side = (label: string, sweep: DiffReportData['a']) =>
    html`<div>
      <b>${label}: ${sweep.profileName}</b>${sweep.id} · ${formatTime(sweep.createdAt)} ·
      ${sweep.counts.done}/${sweep.counts.planned} finished
    </div>`;
  return reportDocument({
    title: `Edge Studio report diff: ${b.profileName} against ${a.profileName}`,
    lede: html`Sweep B ${b.id} against sweep A ${a.id}: ${diff.regressions} regressions,
    ${diff.improvements} improvements where the 95 % confidence intervals separate.`,
    contents: [
      ['sweeps', 'Sweeps'],
      ['regressions', 'Regressions'],
      ['diff', 'Every configuration'],
    ],
    body: html`${section('sweeps', 'Sweeps', html`<div class="summary">${side('A', a)}${side('B', b)}</div>`)}${section('regressions', 'Regressions', regressionList(diff))}${section('diff', 'Every configuration', table(headings, rowsOf(diff), new Set([4, 5, 6])))}`,
    footer: `Written by Edge Studio ${data.studioVersion} at ${formatTime(data.generatedAt)}. This file is self-contained: it opens offline and makes no request.`,
  });
}
