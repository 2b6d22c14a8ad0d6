import type { SweepReportData } from '../report-document';
import { renderCharts } from './chart-svg';
import { chartsSection, planCharts } from './charts-section';
import { reportDocument } from './document';
import { farmSection } from './farm-section';
import { formatTime } from './format';
import { html } from './markup';
import { failuresSection, recommendationSection } from './outcome-sections';
import { profileSection } from './profile-section';
import { runsSection } from './runs-section';
import { statisticsSection } from './statistics-section';

const contents = [
  ['recommendation', 'Recommendation'],
  ['farm', 'Farm'],
  ['profile', 'Profile and grid'],
  ['charts', 'Charts'],
  ['statistics', 'Statistics'],
  ['runs', 'Runs'],
  ['failures', 'Failures and infeasible points'],
] as const;

/**
 * A sweep's HTML report: one self-contained file (inline CSS, charts as inline SVG drawn by the
 * same `renderer/charts/` components as the Compare page) with the recommendation, the farm, the
 * profile and grid, the charts, the statistics, every run's own figures and the points that did
 * not finish.
 */
export async function sweepReportHtml(data: SweepReportData): Promise<string> {
  const groups = planCharts(data);
  const planned = groups.flatMap((group) => group.charts);
  const svgs = await renderCharts(planned.map((chart) => chart.spec));
  const drawn = new Map(planned.map((chart, k) => [chart.id, svgs[k]!]));
  const { sweep } = data.details;
  const phones = data.compare.phones.length;
  return reportDocument({
    title: `Edge Studio report: ${sweep.profileName}`,
    lede: html`Sweep ${sweep.id}, ${sweep.state}, started ${formatTime(sweep.createdAt)}:
    ${sweep.counts.done} of ${sweep.counts.planned} runs finished on ${phones}
    ${phones === 1 ? 'phone' : 'phones'}.`,
    contents,
    body: html`${recommendationSection(data)}${farmSection(data)}${profileSection(data)}${chartsSection(groups, drawn)}${statisticsSection(data)}${runsSection(data)}${failuresSection(data)}`,
    footer: `Written by Edge Studio ${data.studioVersion} at ${formatTime(data.generatedAt)}. This file is self-contained: it opens offline and makes no request.`,
  });
}
