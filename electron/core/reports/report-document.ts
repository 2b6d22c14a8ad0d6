import { z } from 'zod';
import {
  compareResultSchema,
  reportDiffSchema,
  type CompareResult,
  type ReportDiff,
} from '../../../shared/compare';
import { runRecordSchema, type RunRecord } from '../../../shared/run';
import {
  sweepPointSchema,
  sweepRecordSchema,
  type SweepDetails,
  type SweepRecord,
} from '../../../shared/sweep';

/**
 * The JSON reports, defined once: what `report SWEEP_ID --out FILE.json` and `report diff A B
 * --out FILE.json` write, and what `reports/report.schema.json` (report-schema.ts) publishes.
 * The HTML and CSV reports are drawn from the same data.
 */

const stamped = {
  version: z.literal(1).describe('The report format: 1.'),
  /** When the report was written (ISO 8601, UTC). */
  generatedAt: z.string(),
  studioVersion: z.string(),
};

/** A sweep's report: the sweep and its points, every configuration with its statistics, every run. */
export const sweepReportDocumentSchema = z.object({
  kind: z.literal('sweep-report'),
  ...stamped,
  sweep: sweepRecordSchema,
  points: z.array(sweepPointSchema),
  /** Configurations pooled per phone, the Pareto frontier and the recommendation. */
  compare: compareResultSchema,
  /** Every run of the sweep (retries too), with its request, phone context and summary. */
  runs: z.array(runRecordSchema),
});
export type SweepReportDocument = z.infer<typeof sweepReportDocumentSchema>;

/** Sweep B against sweep A, configuration by configuration. */
export const diffReportDocumentSchema = z.object({
  kind: z.literal('report-diff'),
  ...stamped,
  a: sweepRecordSchema,
  b: sweepRecordSchema,
  diff: reportDiffSchema,
});
export type DiffReportDocument = z.infer<typeof diffReportDocumentSchema>;

export const reportDocumentSchema = z.discriminatedUnion('kind', [
  sweepReportDocumentSchema,
  diffReportDocumentSchema,
]);
export type ReportDocument = z.infer<typeof reportDocumentSchema>;

/** What every report is stamped with. */
export interface ReportStamp {
  generatedAt: number;
  studioVersion: string;
}

/** What a sweep's report is drawn from. */
export interface SweepReportData extends ReportStamp {
  details: SweepDetails;
  runs: readonly RunRecord[];
  compare: CompareResult;
}

/** What a diff report is drawn from. */
export interface DiffReportData extends ReportStamp {
  a: SweepRecord;
  b: SweepRecord;
  diff: ReportDiff;
}

/** A sweep's JSON report. Pure. */
export function sweepReportDocument(data: SweepReportData): SweepReportDocument {
  return {
    kind: 'sweep-report',
    version: 1,
    generatedAt: new Date(data.generatedAt).toISOString(),
    studioVersion: data.studioVersion,
    sweep: data.details.sweep,
    points: data.details.points,
    compare: data.compare,
    runs: [...data.runs],
  };
}

/** A diff's JSON report. Pure. */
export function diffReportDocument(data: DiffReportData): DiffReportDocument {
  return {
    kind: 'report-diff',
    version: 1,
    generatedAt: new Date(data.generatedAt).toISOString(),
    studioVersion: data.studioVersion,
    a: data.a,
    b: data.b,
    diff: data.diff,
  };
}
