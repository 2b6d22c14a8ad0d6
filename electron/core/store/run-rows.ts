import { z } from 'zod';
import {
  runRecordSchema,
  runSampleSchema,
  type RunRecord,
  type RunSample,
} from '../../../shared/run';
import {
  runMetricNames,
  statisticSchema,
  type RunMetric,
  type RunSummary,
  type Statistic,
} from '../../../shared/run-metrics';

/** The columns of `runs` a record is read from, camel-cased by the query. */
export const runColumns = `id, state, device_key AS deviceKey, scenario, quant, request, context,
  summary, error, created_at AS createdAt, ended_at AS endedAt, sweep_id AS sweepId, samples`;

const jsonColumns = ['request', 'context', 'summary', 'error'] as const;

/**
 * A `runs` row as a record, or null when it is not one this studio can read (JSON that does not
 * parse, or a record off-schema: a newer studio's, or edited by hand), as `rowsOf` leaves out.
 */
export function recordOfRow(row: unknown): RunRecord | null {
  const record: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  try {
    for (const column of jsonColumns) {
      const text = record[column];
      record[column] = typeof text === 'string' ? JSON.parse(text) : text;
    }
  } catch {
    return null;
  }
  const parsed = runRecordSchema.safeParse(record);
  return parsed.success ? parsed.data : null;
}

/** The columns of `run_samples`: `i`, `t` and `kind` apart (for paging and filters), the rest as JSON. */
export interface SampleRow {
  i: number;
  t: number;
  kind: RunSample['kind'];
  payload: string;
}

/** Splits a sample into its row. */
export function rowOfSample(sample: RunSample): SampleRow {
  const { i, t, kind, ...rest } = sample;
  return { i, t, kind, payload: JSON.stringify(rest) };
}

/** A `run_samples` row as a sample, or null when it is not one (as `recordOfRow`). */
export function sampleOfRow(row: SampleRow): RunSample | null {
  let rest: unknown;
  try {
    rest = JSON.parse(row.payload);
  } catch {
    return null;
  }
  const parsed = runSampleSchema.safeParse({
    ...(rest as object),
    i: row.i,
    t: row.t,
    kind: row.kind,
  });
  return parsed.success ? parsed.data : null;
}

/** A `run_stats` row: one metric's statistic of one run. */
export interface StatRow extends Statistic {
  metric: RunMetric;
}

/** The statistic rows of a summary, in `runMetricNames` order. */
export function statRowsOf(summary: RunSummary): StatRow[] {
  return runMetricNames.flatMap((metric) => {
    const stat = summary.stats[metric];
    return stat === undefined ? [] : [{ metric, ...stat }];
  });
}

/** Reads `run_stats` rows back (aliased camel-case); a row of an unknown metric is left out. */
export const statRowSchema = statisticSchema.extend({
  metric: z.enum(runMetricNames as [RunMetric, ...RunMetric[]]),
});
