import { z } from 'zod';
import { fidelitySummarySchema } from './graph';
import { budgetsSchema } from './profile';
import { runIdSchema } from './run';
import {
  energySchema,
  memoryBreakdownSchema,
  runMetricSchema,
  statisticSchema,
} from './run-metrics';
import { scenarioSchema } from './scenario';
import { sweepIdSchema } from './sweep';

/**
 * The vocabulary of Compare and reports (issue "Compare and report"): configurations pooled from
 * finished runs, where they sit on the TTFT × peak-memory frontier, which one a phone should use
 * under a budget, and two sweeps compared configuration by configuration. The Compare page, the
 * reports (HTML, CSV, JSON) and the CLI all read these shapes; the JSON report's published schema
 * is generated from them.
 */

/** What Compare looks at: sweeps and/or runs, per phone or farm-wide, under a budget. */
export const compareQuerySchema = z
  .object({
    sweepIds: z.array(sweepIdSchema).max(64).default([]),
    runIds: z.array(runIdSchema).max(10_000).default([]),
    /** `per-phone`: one configuration per phone; `farm`: each pooled over every phone. */
    scope: z.enum(['per-phone', 'farm']).default('per-phone'),
    /** Limits the recommendation keeps to (default: the profile's budgets of a single sweep). */
    budgets: budgetsSchema.optional(),
  })
  .strict()
  .refine((query) => query.sweepIds.length + query.runIds.length > 0, {
    message: 'pick at least one sweep or run',
    path: ['sweepIds'],
  });
export type CompareQuery = z.output<typeof compareQuerySchema>;
export type CompareQueryInput = z.input<typeof compareQuerySchema>;

/** Whether a configuration was measured, or why it has no numbers. */
export const configurationStatusSchema = z.enum(['measured', 'infeasible', 'failed']);
export type ConfigurationStatus = z.infer<typeof configurationStatusSchema>;

/** The figures of a configuration that come from its finished runs (stored once pooled). */
export const pooledFiguresSchema = z.object({
  stats: z.partialRecord(runMetricSchema, statisticSchema),
  /** Median compute and state-update time of each prefill chunk, chunk by chunk. */
  prefillTimeline: z.array(
    z.object({ i: z.number().int().nonnegative(), computeMs: z.number(), stateMs: z.number() }),
  ),
  /** The breakdown of the run with the median peak. */
  memory: memoryBreakdownSchema.nullable(),
  energy: energySchema.nullable(),
  /** Phone logits vs the float full-context reference, token-weighted over the pooled runs. */
  fidelity: fidelitySummarySchema.nullable(),
  task: z.object({ exactMatch: z.number(), f1: z.number(), rougeL: z.number() }).nullable(),
  thermal: z.object({
    samples: z.number().int().nonnegative(),
    throttledSamples: z.number().int().nonnegative(),
    /** Measured repetitions left out of the statistics because they were throttled. */
    excludedRepetitions: z.number().int().nonnegative(),
  }),
});
export type PooledFigures = z.infer<typeof pooledFiguresSchema>;

/**
 * What the side by side's significance tests compare, pooled over a configuration's runs (at
 * most 1 000 each, evenly picked): kept apart from the figures, so `compare:query` stays small.
 */
export const testValuesSchema = z.object({
  /** Counted TTFTs of every pooled run. */
  ttftValues: z.array(z.number()),
  /** Per-token KL against the float reference of every pooled run. */
  klValues: z.array(z.number()),
});
export type TestValues = z.infer<typeof testValuesSchema>;

/**
 * One configuration (model × scenario × quant × EP × threads) on one phone, or on the farm
 * (`deviceKey` null), pooled over its finished runs: a single run keeps its own statistics
 * (bootstrap interval); several are pooled over every run's counted values (a run stored before
 * values were kept counts by its median) with the order-statistic interval of the median.
 */
export const configurationSchema = z.object({
  /**
   * Stable across queries and sweeps: `deviceKey|model|scenario label|quant|ep|threads`
   * (`farm|model|…` farm-wide).
   */
  key: z.string(),
  /** The same without the phone: what report diff and farm-wide pooling match on. */
  configKey: z.string(),
  deviceKey: z.string().nullable(),
  /** A short label for legends and tables, e.g. `c64-s4-w256-mem · int4-g32`. */
  label: z.string(),
  model: z.string(),
  scenario: scenarioSchema,
  quant: z.string(),
  ep: z.string(),
  threads: z.number().int().positive(),
  status: configurationStatusSchema,
  /** Why it is infeasible or failed (the point's reason or the last run's error). */
  reason: z.string().nullable(),
  runIds: z.array(runIdSchema),
  sweepIds: z.array(sweepIdSchema),
  /** Every phone pooled into it was emulated (labelled in every view). */
  emulated: z.boolean(),
  ...pooledFiguresSchema.shape,
  /** On the TTFT × peak-memory Pareto frontier of its phone (or of the farm). */
  pareto: z.boolean(),
  /** The budgets it breaks, in words (`peak 812 MiB > 512 MiB`); empty when within them. */
  overBudget: z.array(z.string()),
});
export type Configuration = z.infer<typeof configurationSchema>;

/** The best configuration of a phone under the budgets, and what it costs against the fastest. */
export const recommendationSchema = z.object({
  deviceKey: z.string().nullable(),
  /** Null when nothing measured keeps to the budgets (`reason` says which budget ruled all out). */
  best: z.string().nullable(),
  fastest: z.string().nullable(),
  /** best's median TTFT over fastest's (1 when they are the same). */
  ttftRatio: z.number().nullable(),
  /** In plain words: "c64-s4-w256-mem · int8 is fastest within 512 MiB and cosine ≥ 0.99 …". */
  sentence: z.string(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

/** What `compare:query` answers. */
export const compareResultSchema = z.object({
  query: compareQuerySchema,
  /** The budgets the recommendation used (the query's, else the profile's, else none). */
  budgets: budgetsSchema,
  configurations: z.array(configurationSchema),
  recommendations: z.array(recommendationSchema),
  /** The phones in it, with what reports show of them. */
  phones: z.array(
    z.object({
      deviceKey: z.string(),
      model: z.string().nullable(),
      abi: z.string().nullable(),
      emulated: z.boolean(),
    }),
  ),
});
export type CompareResult = z.infer<typeof compareResultSchema>;

/**
 * Two configurations' values compared with a two-sided Mann–Whitney U test, in plain words
 * ("B is faster than A: p = 0.003, median −18 %").
 */
export const significanceSchema = z.object({
  metric: z.enum(['ttftMs', 'kl']),
  nA: z.number().int().nonnegative(),
  nB: z.number().int().nonnegative(),
  medianA: z.number().nullable(),
  medianB: z.number().nullable(),
  /** (median B − median A) / median A. */
  relativeChange: z.number().nullable(),
  u: z.number().nullable(),
  p: z.number().nullable(),
  /** `better`/`worse`: B against A, at p < alpha; `insufficient`: too few values to test. */
  verdict: z.enum(['better', 'worse', 'no-difference', 'insufficient']),
  sentence: z.string(),
});
export type Significance = z.infer<typeof significanceSchema>;

/** `compare:significance`: configuration B against A (keys of the same query's answer). */
export const compareSignificanceArgsSchema = z
  .object({
    sweepIds: z.array(sweepIdSchema).max(64).default([]),
    runIds: z.array(runIdSchema).max(10_000).default([]),
    scope: z.enum(['per-phone', 'farm']).default('per-phone'),
    a: z.string().max(2000),
    b: z.string().max(2000),
  })
  .strict();
export type CompareSignificanceArgs = z.output<typeof compareSignificanceArgsSchema>;

/** B against A on TTFT, then on per-token KL. */
export const compareSignificanceSchema = z.tuple([significanceSchema, significanceSchema]);

/** `report:diff`: sweep B against sweep A, configuration by configuration. */
export const reportDiffArgsSchema = z
  .object({
    a: sweepIdSchema,
    b: sweepIdSchema,
    scope: z.enum(['per-phone', 'farm']).default('farm'),
  })
  .strict();
export type ReportDiffArgs = z.output<typeof reportDiffArgsSchema>;

/** One metric of one configuration in both sweeps. */
export const diffCellSchema = z.object({
  metric: runMetricSchema,
  a: statisticSchema.nullable(),
  b: statisticSchema.nullable(),
  /** (median B − median A) / median A. */
  relativeChange: z.number().nullable(),
  /** A regression or improvement only when the two 95 % CIs do not overlap. */
  verdict: z.enum(['regression', 'improvement', 'unchanged', 'missing']),
});
export type DiffCell = z.infer<typeof diffCellSchema>;

export const reportDiffSchema = z.object({
  a: sweepIdSchema,
  b: sweepIdSchema,
  rows: z.array(
    z.object({
      /** `configKey`, plus the phone when per-phone. */
      key: z.string(),
      label: z.string(),
      deviceKey: z.string().nullable(),
      /** Where the configuration is: both sweeps, or only one. */
      presence: z.enum(['both', 'only-a', 'only-b']),
      cells: z.array(diffCellSchema),
    }),
  ),
  regressions: z.number().int().nonnegative(),
  improvements: z.number().int().nonnegative(),
});
export type ReportDiff = z.infer<typeof reportDiffSchema>;

export const reportFormats = ['html', 'csv', 'json'] as const;
export const reportFormatSchema = z.enum(reportFormats);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/**
 * `report:build`: a sweep's report (or a diff's, with `against`) written to `out`, or into the
 * data folder's `reports/` when no `out` is given.
 */
export const reportBuildArgsSchema = z
  .object({
    sweepId: sweepIdSchema,
    format: reportFormatSchema.default('html'),
    /** Diff against this sweep (B = sweepId, A = against). */
    against: sweepIdSchema.optional(),
    out: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type ReportBuildArgs = z.output<typeof reportBuildArgsSchema>;

/** A report file written by the studio, as `report:build` and `report:list` answer. */
export const reportEntrySchema = z.object({
  file: z.string(),
  format: reportFormatSchema,
  sweepId: sweepIdSchema,
  against: sweepIdSchema.nullable(),
  bytes: z.number().int().nonnegative(),
  createdAt: z.number(),
});
export type ReportEntry = z.infer<typeof reportEntrySchema>;
