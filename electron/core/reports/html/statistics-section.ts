import type { Configuration } from '../../../../shared/compare';
import type { RunRecord } from '../../../../shared/run';
import type { Statistic } from '../../../../shared/run-metrics';
import type { SweepReportData } from '../report-document';
import { phoneLabel, section, table } from './document';
import { countedTwiceNote } from '../../../../shared/run-words';
import { dash, formatEnergy, formatMib, formatMs, formatNumber } from './format';
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
  'Energy per token',
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
  const split = [...parts.map(formatMib), runtime].join(' / ');
  return memory.weightsCountedTwice ? `${split}; ${countedTwiceNote}` : split;
}

/**
 * The throttled repetitions of a configuration's runs: how many were left out, or that they were
 * counted where its runs asked for it (a run that counts them leaves none out).
 */
function throttled(configuration: Configuration, runs: ReadonlyMap<string, RunRecord>): string {
  const summaries = configuration.runIds.flatMap((id) => runs.get(id)?.summary ?? []);
  const counting = summaries.filter((summary) => summary.thermal.includeThrottled).length;
  const excluded = configuration.thermal.excludedRepetitions;
  if (counting === 0) return String(excluded);
  if (counting === summaries.length) return 'none: counted in the statistics';
  return `${excluded} (counted in ${counting} of ${summaries.length} runs)`;
}

/** The name cell: label, and the Pareto and over-budget flags. */
function nameCell(configuration: Configuration): Markup {
  return html`${configuration.label}${configuration.pareto ? html`<span class="badge pareto">Pareto</span>` : ''}${configuration.overBudget.map((why) => html`<span class="badge over" title="${why}">over budget: ${why}</span>`)}`;
}

/** One row of the statistics table. */
function row(
  configuration: Configuration,
  runs: ReadonlyMap<string, RunRecord>,
): (Markup | string | number)[] {
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
    formatEnergy(configuration.energy),
    formatNumber(configuration.fidelity?.cosineMean, 4),
    formatNumber(configuration.fidelity?.klMean, 4),
    formatNumber(configuration.task?.f1, 3),
    throttled(configuration, runs),
  ];
}

/** Every configuration's statistics, pooled over its runs, fastest first per phone. */
export function statisticsSection({ compare, runs }: SweepReportData): Markup {
  const byId = new Map(runs.map((run) => [run.id, run]));
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
      ${table(
        headings,
        ordered.map((each) => row(each, byId)),
        numeric,
      )}`,
  );
}
