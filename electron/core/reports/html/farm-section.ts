import type { RunRecord } from '../../../../shared/run';
import type { SweepReportData } from '../report-document';
import { phoneLabel, section, table } from './document';
import { dash, formatNumber } from './format';
import { html, type Markup } from './markup';

/** The context of the first run on each phone that kept one (what the phone was when it ran). */
function contextByPhone(
  runs: readonly RunRecord[],
): Map<string, NonNullable<RunRecord['context']>> {
  const contexts = new Map<string, NonNullable<RunRecord['context']>>();
  const oldestFirst = [...runs].sort((a, b) => a.createdAt - b.createdAt);
  for (const run of oldestFirst) {
    if (run.context && !contexts.has(run.deviceKey)) contexts.set(run.deviceKey, run.context);
  }
  return contexts;
}

const headings = [
  'Phone',
  'Model',
  'ABI',
  'Android build',
  'Kernel',
  'Governor',
  'Runtime',
  'At the first run',
  'Runs',
];

/** The farm: every phone of the sweep with its run context; emulated phones labelled. */
export function farmSection({ compare, runs }: SweepReportData): Markup {
  const contexts = contextByPhone(runs);
  const rows = compare.phones.map((phone) => {
    const context = contexts.get(phone.deviceKey);
    const runtime = context
      ? [
          context.runtime.bundle,
          context.runtime.runnerVersion && `runner ${context.runtime.runnerVersion}`,
          context.runtime.ort && `ORT ${context.runtime.ort}`,
        ]
          .filter(Boolean)
          .join(', ')
      : dash;
    const state = context
      ? [
          context.thermal && `thermal ${context.thermal}`,
          context.batteryPercent !== null && `battery ${context.batteryPercent} %`,
          context.batteryCelsius !== null && formatNumber(context.batteryCelsius, 1, '°C'),
        ]
          .filter(Boolean)
          .join(', ') || dash
      : dash;
    return [
      phoneLabel(phone.deviceKey, phone.emulated),
      phone.model ?? dash,
      phone.abi ?? dash,
      context?.fingerprint ?? dash,
      context?.kernel ?? dash,
      context?.governor ?? dash,
      runtime,
      state,
      runs.filter((run) => run.deviceKey === phone.deviceKey).length,
    ];
  });
  const emulated = compare.phones.filter((phone) => phone.emulated).length;
  const note =
    emulated > 0
      ? `${emulated} of ${compare.phones.length} phones are emulated: their timings come from the studio's emulator, not from silicon.`
      : 'Every phone is a real device.';
  return section(
    'farm',
    'Farm',
    html`${table(headings, rows, new Set([8]))}
      <p>${note}</p>`,
  );
}
