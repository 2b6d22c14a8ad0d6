import type { RunRecord } from '../../../../shared/run';
import type { RunSummary } from '../../../../shared/run-metrics';
import type { SweepReportData } from '../report-document';
import { phoneLabel, section, table } from './document';
import { memoryFlags, throttledWords } from '../../../../shared/run-words';
import { dash, formatEnergy, formatMs, formatNumber } from './format';
import { html, type Markup } from './markup';

const headings = [
  'Run',
  'Configuration',
  'Phone',
  'TTFT cold',
  'TTFT warm',
  'Load (session create, both graphs)',
  'Prefill tok/s',
  'Decode tok/s',
  'Energy per token',
  'Memory',
  'Throttled repetitions',
];
const numeric = new Set([3, 4, 5, 6, 7]);

/** One row: a finished run's own figures, the ones a configuration's pooled row cannot give. */
function row(run: RunRecord, summary: RunSummary, labels: ReadonlyMap<string, string>) {
  const flags = memoryFlags(summary.memory);
  return [
    run.id,
    labels.get(run.id) ?? `${run.scenario} · ${run.quant}`,
    phoneLabel(run.deviceKey, run.context?.emulated ?? false),
    formatMs(summary.coldTtftMs),
    formatMs(summary.warmTtftMs),
    formatMs(summary.loadMs),
    formatNumber(summary.stats.prefillTokS?.median, 0),
    formatNumber(summary.stats.decodeTokS?.median, 1),
    formatEnergy(summary.energy),
    flags.length > 0 ? flags.join('; ') : dash,
    throttledWords(summary),
  ];
}

/**
 * Every run of the sweep with a summary, one row each: cold and warm TTFT, load, prefill and
 * decode, energy per token (µAh and mJ), the memory breakdown's flags and the throttled
 * repetitions, in the words `edge-studio run` prints them.
 */
export function runsSection({ runs, compare }: SweepReportData): Markup {
  const labels = new Map(
    compare.configurations
      .filter((configuration) => configuration.deviceKey !== null)
      .flatMap((configuration) => configuration.runIds.map((id) => [id, configuration.label])),
  );
  // A failed or stopped run keeps what it measured until then: not a run to read figures off.
  const rows = runs.flatMap((run) =>
    run.state === 'finished' && run.summary ? [row(run, run.summary, labels)] : [],
  );
  const body =
    rows.length === 0
      ? html`<p>No run of the sweep has finished yet.</p>`
      : html`<p>
            Each finished run on its own: cold is the first repetition the runner's process ran (its
            first warm-up when there is one), warm the median of the counted ones after it.
          </p>
          ${table(headings, rows, numeric)}`;
  return section('runs', 'Runs', body);
}
