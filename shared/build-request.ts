import { z } from 'zod';
import { formatQuantSpec, parseQuantSpec } from './quant-spec';
import { describeZodError, fail, ok, type Result } from './result';
import { scenarioSchema } from './scenario';

/** A model file path on the main side's machine, or `builtin:NAME`. */
export const modelArgumentSchema = z.string().min(1).max(4096);

/**
 * A quant spec string, parsed once here and carried on in its canonical form (`int4-g32` becomes
 * `int4-g32:nbits`), which keys, labels and stores the build: one spec, one artifact.
 */
export const canonicalQuantSpecSchema = z.string().transform((text, context) => {
  const parsed = parseQuantSpec(text);
  if (parsed.ok) return formatQuantSpec(parsed.value);
  context.addIssue({ code: 'custom', message: parsed.error.message });
  return z.NEVER;
});

/** How an activation's range is chosen from calibration samples (`+a8`/`+a16` specs). */
export const calibrationMethodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minmax') }).strict(),
  z
    .object({
      kind: z.literal('percentile'),
      percent: z
        .number()
        .gt(50, 'the percentile must be above 50')
        .lt(100, 'the percentile must be below 100'),
    })
    .strict(),
]);
export type CalibrationMethod = z.infer<typeof calibrationMethodSchema>;

/** The calibration of a build with activation quantisation; ignored by other specs. */
export const calibrationRequestSchema = z
  .object({
    method: calibrationMethodSchema.default({ kind: 'minmax' }),
    /** JSONL prompts to calibrate on (default: the model's eval sets, else general text). */
    dataset: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type CalibrationRequest = z.infer<typeof calibrationRequestSchema>;

/**
 * Everything a graph build is asked for. Every command that builds graphs (build, fidelity, runs,
 * sweeps; over IPC and from the CLI) takes this one schema, so an option added here reaches all.
 */
export const buildRequestSchema = z
  .object({
    model: modelArgumentSchema,
    scenario: scenarioSchema,
    quant: canonicalQuantSpecSchema.default('float'),
    calibration: calibrationRequestSchema.prefault({}),
    /** Substrings of MatMul node or weight names kept in float, besides the output head. */
    keepFloat: z.array(z.string().min(1).max(256)).max(64).default([]),
    /** Quantise the output head too (kept float by default), as ONNX Runtime's quantiser does. */
    quantizeHead: z.boolean().default(false),
  })
  .strict();
export type BuildRequest = z.output<typeof buildRequestSchema>;
export type BuildRequestInput = z.input<typeof buildRequestSchema>;

/** A fidelity run: the build it measures, and the dataset it measures on. */
export const fidelityRequestSchema = buildRequestSchema.extend({
  dataset: z.string().min(1).max(4096),
  /** Use the first `limit` prompts. */
  limit: z.number().int().positive().optional(),
});
export type FidelityRequest = z.output<typeof fidelityRequestSchema>;
export type FidelityRequestInput = z.input<typeof fidelityRequestSchema>;

/** Parses a request by its schema; a bad one is an `invalid-args` error naming each field. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : fail('invalid-args', describeZodError(parsed.error));
}
