import { z } from 'zod';
import { scenarioSchema, type Scenario } from './scenario';

/** One graph input or output: symbolic dims are strings, unknown ones null. */
export const tensorInfoSchema = z.object({
  name: z.string(),
  dtype: z.string(),
  shape: z.array(z.union([z.number(), z.string(), z.null()])),
});
export type TensorInfo = z.infer<typeof tensorInfoSchema>;

/** The I/O conventions the studio recognises. */
export const conventionSchema = z.enum(['optimum', 'edge-infinite', 'unknown']);
export type Convention = z.infer<typeof conventionSchema>;

/** Decoder geometry read from the graph (and config.json where the graph cannot say). */
export const decoderGeometrySchema = z.object({
  layers: z.number().int(),
  heads: z.number().int().nullable(),
  kvHeads: z.number().int(),
  headDim: z.number().int(),
  vocab: z.number().int().nullable(),
  cacheDtype: z.string(),
  /** Per layer: memory matrix [heads, dk, hd] and norm [heads, dk] elements (EdgeInfinite). */
  memoryElementsPerLayer: z.number().int().nullable(),
  /** Fields worked out from the graph's structure, not read from it or a config.json. */
  derived: z.array(z.enum(['heads'])).default([]),
});
export type DecoderGeometry = z.infer<typeof decoderGeometrySchema>;

/** How each derivable field of the geometry is worked out, for people reading it. */
export const derivations: Record<DecoderGeometry['derived'][number], string> = {
  heads:
    "Heads derived from the graph (the q projection's width over the head dim): no config.json gives them.",
};

/** The tokenizer beside a model: the demo model's byte-level one, or a `tokenizer.json`. */
export const tokenizerKindSchema = z.enum(['byte-level', 'tokenizer.json']);
export type TokenizerKind = z.infer<typeof tokenizerKindSchema>;

/** What a model without a tokenizer can and cannot do, for CLI and UI alike. */
export const missingTokenizerNote =
  'No tokenizer.json beside the model: graphs build and run on token ids, but fidelity on text prompts and activation calibration (+a8/+a16) need one.';

/** What `graph inspect` reports about a model. */
export const modelInspectionSchema = z.object({
  path: z.string(),
  opset: z.number().int(),
  producer: z.string(),
  inputs: z.array(tensorInfoSchema),
  outputs: z.array(tensorInfoSchema),
  opHistogram: z.record(z.string(), z.number().int()),
  parameters: z.object({
    count: z.number().int(),
    bytesByDtype: z.record(z.string(), z.number().int()),
    externalFiles: z.array(z.string()),
  }),
  convention: conventionSchema,
  decoder: decoderGeometrySchema.nullable(),
  /** The tokenizer found beside the model; null when there is none (see `missingTokenizerNote`). */
  tokenizer: tokenizerKindSchema.nullable(),
});
export type ModelInspection = z.infer<typeof modelInspectionSchema>;

const dtypeBytes: Record<string, number> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  uint8: 1,
};

/** Bytes of the fixed-size KV cache, 2 · layers · kv_heads · (S + W) · head_dim · bytes. */
export function kvCacheBytes(decoder: DecoderGeometry, scenario: Scenario): number {
  const bytes = dtypeBytes[decoder.cacheDtype] ?? 4;
  return (
    2 *
    decoder.layers *
    decoder.kvHeads *
    (scenario.sink + scenario.window) *
    decoder.headDim *
    bytes
  );
}

/** Bytes of the compressed memory state (float32), zero when memory is off or absent. */
export function memoryStateBytes(decoder: DecoderGeometry, scenario: Scenario): number {
  if (scenario.memory === 'off' || decoder.memoryElementsPerLayer === null) return 0;
  return decoder.layers * decoder.memoryElementsPerLayer * 4;
}

/** The phases a scenario's graphs come in. */
export const graphPhases = ['prefill', 'decode'] as const;

/** One built graph of an artifact: its file (relative to the artifact) and its pinned I/O. */
export const builtGraphSchema = z.object({
  file: z.string(),
  inputs: z.array(tensorInfoSchema),
  outputs: z.array(tensorInfoSchema),
});
export type BuiltGraph = z.infer<typeof builtGraphSchema>;

/** A weight MatMul that weight quantisation left in float, and why. */
export const keptFloatSchema = z.object({
  tensor: z.string(),
  node: z.string(),
  reason: z.enum(['output head', 'keep-float', 'shared weight', 'computed weight']),
});
export type KeptFloat = z.infer<typeof keptFloatSchema>;

/** The manifest of a specialised (and later quantised) graph pair in the artifact cache. */
export const graphArtifactSchema = z.object({
  key: z.string(),
  model: z.string(),
  modelHash: z.string(),
  quant: z.string(),
  scenario: scenarioSchema,
  toolVersion: z.string(),
  prefill: builtGraphSchema,
  decode: builtGraphSchema,
  /** Per quantised tensor: SQNR, worst error and bytes (empty for float). */
  quantization: z.array(
    z.object({
      tensor: z.string(),
      shape: z.tuple([z.number(), z.number()]),
      sqnrDb: z.number(),
      maxAbsError: z.number(),
      bytesBefore: z.number(),
      bytesAfter: z.number(),
    }),
  ),
  /** Weight MatMuls left in float by an int spec, and why (empty for float). */
  keptFloat: z.array(keptFloatSchema).default([]),
  /** Static activation quantisation (`+a8`/`+a16`): how it was calibrated; null without. */
  activations: z
    .object({
      bits: z.number().int(),
      method: z.string(),
      tensors: z.number().int(),
      prompts: z.number().int(),
    })
    .nullable(),
  kvCacheBytes: z.number(),
  memoryStateBytes: z.number(),
  /** The tokenizer copied beside the graphs; null when the model has none. */
  tokenizer: tokenizerKindSchema.nullable().default(null),
});
export type GraphArtifact = z.infer<typeof graphArtifactSchema>;

/** Logit agreement of a candidate with a reference over every scored token. */
export const fidelitySummarySchema = z.object({
  tokens: z.number().int(),
  cosineMean: z.number(),
  top1Agreement: z.number(),
  klMean: z.number(),
  klP95: z.number(),
});

const taskScoresSchema = z.object({ exactMatch: z.number(), f1: z.number(), rougeL: z.number() });

/**
 * What a fidelity run found. `cache`: the float specialised graph against the full-context float
 * reference (what the cache configuration costs); `quantization`: the quantised graph against the
 * float specialised one (what quantisation adds); `total`: quantised against the reference.
 */
export const fidelityReportSchema = z.object({
  model: z.string(),
  quant: z.string(),
  scenario: scenarioSchema,
  prompts: z.number().int(),
  cache: fidelitySummarySchema,
  quantization: fidelitySummarySchema.nullable(),
  total: fidelitySummarySchema,
  tasks: z
    .object({ answered: z.number().int(), float: taskScoresSchema, quantized: taskScoresSchema })
    .nullable(),
});
export type FidelityReport = z.infer<typeof fidelityReportSchema>;

/** One line of an eval dataset (JSONL). */
export const datasetItemSchema = z.object({
  prompt: z.string().min(1),
  answer: z.string().optional(),
  task: z.string().optional(),
  context_length: z.number().optional(),
  needle_depth: z.number().optional(),
});
export type DatasetItem = z.infer<typeof datasetItemSchema>;
