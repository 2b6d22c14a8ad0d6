import type { Configuration } from '../../../../shared/compare';
import type { Statistic } from '../../../../shared/run-metrics';
import type { SweepReportData } from '../report-document';
import { phoneLabel, section, table } from './document';
import { dash, formatMib, formatMs, formatNumber } from './format';
import { html, type Markup } from './markup';

const headings = [
  'Configuration',
  'Phone',
  'Status',
  'n',
  'TTFT median',
  'TTFT p90',
  'TTFT 95 % CI',
  'Prefill tok/s',
  'Decode tok/s',
  'Peak memory',
  'Weights / KV / memory state / runtime',
  'Energy mJ/token (prefill / decode)',
  'Logit cosine',
  'KL mean',
  'Task F1',
  'Throttled left out',
];
const numeric = new Set([3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15]);

function ci(stat: Statistic | undefined): string {
  return stat ? `${formatNumber(stat.ciLow, 1)}–${formatNumber(stat.ciHigh, 1)} ms` : dash;
}

function breakdown(configuration: Configuration): string {
  const memory = configuration.memory;
  if (!memory) return dash;
  const parts = [memory.weightsBytes, memory.kvCacheBytes, memory.memoryStateBytes];
  const runtime = `${formatMib(memory.runtimeBytes)}${memory.runtimeNegative ? ' (overcounted)' : ''}`;
  return [...parts.map(formatMib), runtime].join(' / ');
}

function energy(configuration: Configuration): string {
  const e = configuration.energy;
  if (!e) return dash;
  const text = `${formatNumber(e.prefillMjPerToken, 2)} / ${formatNumber(e.decodeMjPerToken, 2)}`;
  return e.charging ? `${text} (charging)` : text;
}

/** The name cell: label, and the Pareto and over-budget flags. */
function nameCell(configuration: Configuration): Markup {
  return html`${configuration.label}${configuration.pareto ? html`<span class="badge pareto">Pareto</span>` : ''}${configuration.overBudget.map((why) => html`<span class="badge over" title="${why}">over budget: ${why}</span>`)}`;
}

/** One row of the statistics table. */
function row(configuration: Configuration): (Markup | string | number)[] {
  const { stats } = configuration;
  const peak = configuration.memory?.peakBytes ?? stats.peakRssBytes?.median;
  return [
    nameCell(configuration),
    phoneLabel(configuration.deviceKey, configuration.emulated),
    html`<span class="status-${configuration.status}">${configuration.status}</span>`,
    stats.ttftMs?.n ?? 0,
    formatMs(stats.ttftMs?.median),
    formatMs(stats.ttftMs?.p90),
    ci(stats.ttftMs),
    formatNumber(stats.prefillTokS?.median, 0),
    formatNumber(stats.decodeTokS?.median, 1),
    formatMib(peak),
    breakdown(configuration),
    energy(configuration),
    formatNumber(configuration.fidelity?.cosineMean, 4),
    formatNumber(configuration.fidelity?.klMean, 4),
    formatNumber(configuration.task?.f1, 3),
    configuration.thermal.excludedRepetitions,
  ];
}

/** Every configuration's statistics, pooled over its runs, fastest first per phone. */
export function statisticsSection({ compare }: SweepReportData): Markup {
  const ordered = [...compare.configurations].sort(
    (a, b) =>
      (a.deviceKey ?? '').localeCompare(b.deviceKey ?? '') ||
      (a.stats.ttftMs?.median ?? Infinity) - (b.stats.ttftMs?.median ?? Infinity),
  );
  return section(
    'statistics',
    'Statistics',
    html`<p>
        Every configuration pooled over its finished runs: medians with their 95 % confidence
        interval; memory is the peak of the run with the median peak.
        ${compare.query.scope === 'farm' ? 'Pooled over every phone.' : 'One row per configuration and phone.'}
      </p>
      ${table(headings, ordered.map(row), numeric)}`,
  );
}
