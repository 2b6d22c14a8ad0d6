import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Configuration } from '../../../../shared/compare';
import type { Energy, MemoryBreakdown, RunSummary } from '../../../../shared/run-metrics';
import type { SweepReportData } from '../report-document';
import { testReportData } from '../testing-report';
import type { Markup } from './markup';
import { runsSection } from './runs-section';
import { statisticsSection } from './statistics-section';

const mib = 1024 * 1024;
const energy: Energy = {
  prefillUahPerToken: 0.8,
  decodeUahPerToken: 2.5,
  prefillMjPerToken: 11.2,
  decodeMjPerToken: 35,
  samples: 12,
  charging: false,
};
const memory: MemoryBreakdown = {
  peakBytes: 300 * mib,
  weightsBytes: 200 * mib,
  weightsSource: 'runner',
  kvCacheBytes: 80 * mib,
  memoryStateBytes: 40 * mib,
  runtimeBytes: -20 * mib,
  runtimeNegative: true,
  weightsCountedTwice: true,
};

/** The section's table as rows of cell texts, headings first. */
function cells(markup: Markup): string[][] {
  const document = new JSDOM(markup.text).window.document;
  return [...document.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()),
  );
}

/** A column of the table by its heading, one cell a row. */
function column(rows: string[][], heading: string): string[] {
  const k = rows[0]!.indexOf(heading);
  expect(k, heading).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((row) => row[k]!);
}

/** The fixture with the first finished run's summary changed. */
function withFirstRun(change: (summary: RunSummary) => RunSummary): SweepReportData {
  const data = testReportData();
  const k = data.runs.findIndex((run) => run.summary !== null);
  const runs = [...data.runs];
  runs[k] = { ...runs[k]!, summary: change(runs[k]!.summary!) };
  return { ...data, runs };
}

describe('the report runs section', () => {
  it('gives every finished run its cold and warm TTFT, load and prefill, in the CLI words', () => {
    const data = testReportData();
    const rows = cells(runsSection(data));
    const finished = data.runs.filter((run) => run.summary !== null);
    expect(rows).toHaveLength(finished.length + 1);
    expect(rows[0]).toContain('Load (session create, both graphs)');
    const first = finished[0]!.summary!;
    expect(column(rows, 'Run')[0]).toBe(finished[0]!.id);
    expect(column(rows, 'TTFT cold')[0]).toBe(`${first.coldTtftMs!.toFixed(0)} ms`);
    expect(column(rows, 'TTFT warm')[0]).toBe(`${first.warmTtftMs!.toFixed(0)} ms`);
    expect(column(rows, 'Load (session create, both graphs)')[0]).toBe(`${first.loadMs} ms`);
    expect(column(rows, 'Prefill tok/s')[0]).toBe(first.stats.prefillTokS!.median.toFixed(0));
    expect(column(rows, 'Throttled repetitions')[0]).toBe(
      '0 throttled repetitions excluded from the statistics',
    );
  });

  it("leaves out a failed run's partial summary", () => {
    const data = testReportData();
    const k = data.runs.findIndex((run) => run.summary !== null);
    const runs = [...data.runs];
    runs[k] = { ...runs[k]!, state: 'failed' };
    const rows = cells(runsSection({ ...data, runs }));
    expect(column(rows, 'Run')).not.toContain(runs[k]!.id);
    expect(rows).toHaveLength(
      runs.filter((run) => run.state === 'finished' && run.summary).length + 1,
    );
  });

  it('gives energy in µAh and mJ per token, the memory flags and throttled repetitions counted', () => {
    const data = withFirstRun((summary) => ({
      ...summary,
      energy,
      memory,
      thermal: { ...summary.thermal, includeThrottled: true },
    }));
    const rows = cells(runsSection(data));
    expect(column(rows, 'Energy per token')[0]).toBe(
      'prefill 0.80 µAh/tok (11.20 mJ/tok), decode 2.50 µAh/tok (35.00 mJ/tok)',
    );
    expect(column(rows, 'Memory')[0]).toBe(
      'runtime negative: weights and state overcount the peak; weights counted twice (mapped pages and a packed copy)',
    );
    expect(column(rows, 'Throttled repetitions')[0]).toBe(
      'throttled repetitions counted in the statistics',
    );
    expect(column(rows, 'Energy per token')[1]).toBe('–');
    expect(column(rows, 'Memory')[1]).toBe('–');
  });
});

/** The fixture with its first configuration pooled from the first two finished runs. */
function pooled(patch: Partial<Configuration> = {}): SweepReportData {
  const data = testReportData();
  const ids = data.runs.filter((run) => run.summary !== null).map((run) => run.id);
  const [first, ...rest] = data.compare.configurations;
  const configurations = [{ ...first!, runIds: ids.slice(0, 2), ...patch }, ...rest];
  return { ...data, compare: { ...data.compare, configurations } };
}

/** The first configuration's cell under `heading` in the statistics table. */
function statisticsCell(data: SweepReportData, heading: string): string {
  const rows = cells(statisticsSection(data));
  const { label, deviceKey } = data.compare.configurations[0]!;
  const row = rows.find((each) => each[0]!.startsWith(label) && each[1]!.startsWith(deviceKey!));
  return row![rows[0]!.indexOf(heading)]!;
}

/** The data with the pooled run `id` counting its throttled repetitions. */
function counting(data: SweepReportData, id: string): SweepReportData {
  const runs = data.runs.map((run) =>
    run.id === id && run.summary
      ? {
          ...run,
          summary: { ...run.summary, thermal: { ...run.summary.thermal, includeThrottled: true } },
        }
      : run,
  );
  return { ...data, runs };
}

describe('the report runs section, by configuration', () => {
  it('names a run by the configuration it is pooled into, else by its scenario and quant', () => {
    const data = pooled();
    const rows = cells(runsSection(data));
    const finished = data.runs.filter((run) => run.summary !== null);
    expect(column(rows, 'Configuration')[0]).toBe(data.compare.configurations[0]!.label);
    expect(column(rows, 'Configuration')[2]).toBe(
      `${finished[2]!.scenario} · ${finished[2]!.quant}`,
    );
  });
});

describe('the report statistics section', () => {
  it('gives energy in µAh beside mJ, and weights counted twice beside the breakdown', () => {
    const data = pooled({ energy, memory });
    expect(statisticsCell(data, 'Energy per token')).toBe(
      'prefill 0.80 µAh/tok (11.20 mJ/tok), decode 2.50 µAh/tok (35.00 mJ/tok)',
    );
    expect(statisticsCell(data, 'Weights / KV / memory state / runtime')).toBe(
      '200.0 MiB / 80.0 MiB / 40.0 MiB / -20.0 MiB (overcounted); weights counted twice (mapped pages and a packed copy)',
    );
    const once = pooled({ memory: { ...memory, weightsCountedTwice: false } });
    expect(statisticsCell(once, 'Weights / KV / memory state / runtime')).not.toContain('twice');
  });

  it('says the throttled repetitions were counted where the pooled runs counted them', () => {
    const data = pooled({ thermal: { samples: 40, throttledSamples: 6, excludedRepetitions: 2 } });
    const [a, b] = data.compare.configurations[0]!.runIds;
    expect(statisticsCell(data, 'Throttled left out')).toBe('2');
    const one = counting(data, a!);
    expect(statisticsCell(one, 'Throttled left out')).toBe('2 (counted in 1 of 2 runs)');
    expect(statisticsCell(counting(one, b!), 'Throttled left out')).toBe(
      'none: counted in the statistics',
    );
  });
});
