import type { SweepReportData } from '../report-document';
import { phoneLabel, section, table } from './document';
import { formatNumber } from './format';
import { html, type Markup } from './markup';

/** The recommendation per phone: the best configuration under the budgets, and its cost. */
export function recommendationSection({ compare }: SweepReportData): Markup {
  const labels = new Map(compare.configurations.map((item) => [item.key, item.label]));
  const emulated = new Map(compare.phones.map((phone) => [phone.deviceKey, phone.emulated]));
  const items = compare.recommendations.map((recommendation) => {
    const best = recommendation.best === null ? null : labels.get(recommendation.best);
    const fastest = recommendation.fastest === null ? null : labels.get(recommendation.fastest);
    const cost =
      recommendation.ttftRatio === null || recommendation.best === recommendation.fastest
        ? ''
        : ` It takes ${formatNumber(recommendation.ttftRatio, 2)}× the TTFT of the fastest (${fastest ?? 'none'}).`;
    const phone = recommendation.deviceKey;
    return html`<div class="recommendation">
      <strong
        >${phoneLabel(phone, phone !== null && emulated.get(phone) === true)}:
        ${best ?? 'nothing keeps to the budgets'}</strong
      >${recommendation.sentence}${cost}
    </div>`;
  });
  const body =
    items.length > 0
      ? html`${items}`
      : html`<p>No configuration was measured, so none is recommended.</p>`;
  return section('recommendation', 'Recommendation', body);
}

const unfinished = new Set(['failed', 'infeasible', 'skipped', 'cancelled', 'pending', 'running']);

/** Every point that did not finish, with its reason: failed, infeasible, skipped, cancelled. */
export function failuresSection({ details, compare }: SweepReportData): Markup {
  const emulated = new Set(
    compare.phones.filter((phone) => phone.emulated).map((p) => p.deviceKey),
  );
  const points = details.points.filter((point) => unfinished.has(point.status));
  const rows = points.map((point) => [
    point.pointKey,
    phoneLabel(point.deviceKey, emulated.has(point.deviceKey)),
    html`<span class="status-${point.status === 'infeasible' ? 'infeasible' : 'failed'}"
      >${point.status}</span
    >`,
    point.reason ?? 'no reason recorded',
    point.attempts,
    point.runIds.join(', ') || '–',
  ]);
  const body =
    rows.length === 0
      ? html`<p>None: every point of the sweep finished.</p>`
      : table(['Point', 'Phone', 'Status', 'Reason', 'Attempts', 'Runs'], rows, new Set([4]));
  return section('failures', 'Failures and infeasible points', body);
}
