import type { CompareResult, Configuration } from '../../../../shared/compare';
import type { SweepReportData } from '../report-document';
import type { ChartSpec } from './chart-specs';
import { phoneLabel, section } from './document';
import { html, raw, type Markup } from './markup';

/** A chart the report places: where (its id), what it says under it, and how it is drawn. */
export interface PlannedChart {
  id: string;
  caption: string;
  spec: ChartSpec;
}

/** The charts of one phone (or of the farm). */
interface ChartGroup {
  deviceKey: string | null;
  emulated: boolean;
  charts: PlannedChart[];
}

// Two to a row in the 1132 px the page leaves (1180 less its padding), with the gap between.
const size = { width: 540, height: 300 };

/** The two configurations whose prefill is shown side by side: recommended and fastest. */
function prefillPair(compare: CompareResult, group: readonly Configuration[]): Configuration[] {
  const measured = group
    .filter((item) => item.status === 'measured' && item.prefillTimeline.length > 0)
    .sort((a, b) => (a.stats.ttftMs?.median ?? 0) - (b.stats.ttftMs?.median ?? 0));
  const deviceKey = group[0]?.deviceKey ?? null;
  const recommended = compare.recommendations.find((item) => item.deviceKey === deviceKey);
  const keys = [recommended?.best, recommended?.fastest, measured[0]?.key, measured.at(-1)?.key];
  const picked = [...new Set(keys.filter((key): key is string => typeof key === 'string'))];
  return picked
    .map((key) => measured.find((item) => item.key === key))
    .filter((item): item is Configuration => item !== undefined)
    .slice(0, 2);
}

function groupCharts(compare: CompareResult, group: Configuration[], k: number): PlannedChart[] {
  const charts: PlannedChart[] = [
    {
      id: `g${k}-ttft-window`,
      caption:
        'TTFT median against the window size, one line per chunk size; bars are the 95 % CI.',
      spec: { kind: 'compare-ttft-window', props: { configurations: group, ...size } },
    },
    {
      id: `g${k}-pareto`,
      caption:
        'TTFT × peak memory, coloured by logit cosine; the line is the Pareto frontier, crossed points were throttled, dashed lines the budgets.',
      spec: {
        kind: 'compare-pareto',
        props: { configurations: group, budgets: compare.budgets, ...size },
      },
    },
  ];
  for (const [n, configuration] of prefillPair(compare, group).entries()) {
    const chunks = configuration.prefillTimeline.map((chunk) => ({ rep: 0, ...chunk }));
    charts.push({
      id: `g${k}-prefill-${n}`,
      caption: `Prefill of ${configuration.label}: median compute and state update per chunk.`,
      spec: { kind: 'prefill-timeline', props: { chunks, ...size } },
    });
  }
  return charts;
}

/** The charts, grouped per phone (per-phone scope) or one group for the farm. */
export function planCharts({ compare }: SweepReportData): ChartGroup[] {
  const groups = new Map<string | null, Configuration[]>();
  for (const item of compare.configurations) {
    groups.set(item.deviceKey, [...(groups.get(item.deviceKey) ?? []), item]);
  }
  return [...groups].map(([deviceKey, group], k) => ({
    deviceKey,
    emulated: group.every((item) => item.emulated),
    charts: groupCharts(compare, group, k),
  }));
}

function figure(chart: PlannedChart, drawn: ReadonlyMap<string, string>): Markup {
  return html`<figure class="chart" id="${chart.id}">
    ${raw(drawn.get(chart.id) ?? '')}
    <figcaption>${chart.caption}</figcaption>
  </figure>`;
}

/** The charts section: per phone, the two compare charts, then two prefill timelines side by side. */
export function chartsSection(
  groups: readonly ChartGroup[],
  drawn: ReadonlyMap<string, string>,
): Markup {
  const body = groups.map((group) => {
    const [ttft, pareto, ...prefill] = group.charts;
    return html`<h3>${phoneLabel(group.deviceKey, group.emulated)}</h3>
      <div class="chart-row">${[ttft, pareto].map((chart) => chart && figure(chart, drawn))}</div>
      ${prefill.length > 0 ? html`<div class="chart-row">${prefill.map((chart) => figure(chart, drawn))}</div>` : ''}`;
  });
  return section(
    'charts',
    'Charts',
    groups.length > 0 ? html`${body}` : html`<p>No configuration to chart.</p>`,
  );
}
