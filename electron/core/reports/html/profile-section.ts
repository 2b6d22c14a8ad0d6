import type { Budgets } from '../../../../shared/profile';
import type { SweepReportData } from '../report-document';
import { section, table } from './document';
import { dash, formatTime } from './format';
import { html, type Markup } from './markup';

/** The budgets in words (`peak ≤ 512 MiB, TTFT ≤ 800 ms, cosine ≥ 0.99`), or `none`. */
export function budgetWords(budgets: Budgets): string {
  const words = [
    budgets.maxPeakMemoryMb !== undefined && `peak memory ≤ ${budgets.maxPeakMemoryMb} MB`,
    budgets.maxTtftMs !== undefined && `TTFT ≤ ${budgets.maxTtftMs} ms`,
    budgets.minFidelity !== undefined && `logit cosine ≥ ${budgets.minFidelity}`,
  ].filter((word): word is string => typeof word === 'string');
  return words.length > 0 ? words.join(', ') : 'none';
}

function facts(entries: readonly (readonly [string, string | Markup])[]): Markup {
  return html`<dl class="facts">
    ${entries.map(
      ([term, value]) =>
        html`<dt>${term}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

/** The profile as it ran and its grid: every axis with its values, and how the sweep went. */
export function profileSection({ details, compare }: SweepReportData): Markup {
  const { sweep } = details;
  const { profile } = sweep;
  const grid = Object.entries(profile.grid).map(([axis, values]) => [
    axis,
    Array.isArray(values) ? values.join(', ') : dash,
  ]);
  const wall =
    sweep.endedAt === null
      ? 'still running'
      : `${((sweep.endedAt - sweep.createdAt) / 1000).toFixed(1)} s`;
  return section(
    'profile',
    'Profile and grid',
    html`${facts([
        ['Profile', profile.name],
        ['Description', profile.description || dash],
        ['Model', profile.model],
        ['Dataset', profile.dataset ?? "the model's own eval set"],
        ['Repetitions', `${profile.repetitions} timed after ${profile.warmup} warm-up`],
        ['Accuracy prompts', String(profile.accuracyPrompts)],
        [
          'Thermal gate',
          `at most ${profile.gate.maxStatus}, battery below ${profile.gate.maxBatteryC} °C; throttled repetitions ${profile.includeThrottled ? 'counted' : 'left out'}`,
        ],
        ['Budgets (recommendation)', budgetWords(compare.budgets)],
        [
          'Sweep',
          `${sweep.id} · ${sweep.state} · started ${formatTime(sweep.createdAt)} · ${wall}`,
        ],
        [
          'Concurrency',
          sweep.concurrencyNote ??
            (sweep.concurrency === null ? dash : `${sweep.concurrency} runs at once`),
        ],
      ])}
      <h3>Grid</h3>
      ${table(['Axis', 'Values'], grid)}
      <p>
        ${sweep.counts.planned} points planned: ${sweep.counts.done} finished,
        ${sweep.counts.failed} failed, ${sweep.counts.infeasible} infeasible,
        ${sweep.counts.skipped} skipped, ${sweep.counts.cancelled} cancelled.
      </p>`,
  );
}
