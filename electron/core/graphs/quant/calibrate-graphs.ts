import type * as ort from 'onnxruntime-node';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelInspection } from '../../../../shared/graph';
import { ok, type Result } from '../../../../shared/result';
import type { Scenario } from '../../../../shared/scenario';
import { openGraphPair } from '../fidelity/runners';
import { readOnnx, writeOnnx } from '../onnx-io';
import type { ModelProto } from '../onnx-proto';
import type { TextTokenizer } from '../tokenizer';
import {
  exposeAsOutputs,
  insertActivationQdq,
  matmulActivations,
  type ActivationParams,
} from './activation-qdq';
import { calibrate, quantParams, type CalibrationMethod } from './calibration';

export interface CalibrationJob {
  inspection: ModelInspection;
  scenario: Scenario;
  tokenizer: TextTokenizer;
  prompts: string[];
  method: CalibrationMethod;
  bits: 8 | 16;
  dir: string;
  files: { prefill: string; decode: string };
}

/**
 * Static activation quantisation of a built graph pair: runs the prompts through copies of the
 * graphs that also output every MatMul input, sets each input's range by the method, then puts
 * Q/DQ on those inputs in both graphs and rewrites them. Returns how many activations it covered.
 */
export async function quantizeActivations(job: CalibrationJob): Promise<Result<number>> {
  const models = await Promise.all(
    [job.files.prefill, job.files.decode].map((file) => readOnnx(join(job.dir, file))),
  );
  const [prefill, decode] = models;
  if (!prefill?.ok) return prefill as Result<never>;
  if (!decode?.ok) return decode as Result<never>;
  const names = matmulActivations(prefill.value.model);
  const samples = await collect(job, [prefill.value.model, decode.value.model], names);
  const params = new Map<string, ActivationParams>();
  for (const name of names)
    params.set(name, quantParams(calibrate(concat(samples.get(name) ?? []), job.method), job.bits));
  for (const [loaded, file] of [
    [prefill.value, job.files.prefill],
    [decode.value, job.files.decode],
  ] as const) {
    insertActivationQdq(loaded.model, params, job.bits);
    await writeOnnx(loaded.model, join(job.dir, file));
  }
  return ok(names.length);
}

/** Runs the prompts through output-exposing copies of the graphs, keeping real tokens' rows. */
async function collect(
  job: CalibrationJob,
  models: ModelProto[],
  names: string[],
): Promise<Map<string, Float32Array[]>> {
  const paths = ['.calibration-prefill.onnx', '.calibration-decode.onnx'].map((file) =>
    join(job.dir, file),
  );
  for (const [index, model] of models.entries()) {
    exposeAsOutputs(model, names);
    await writeOnnx(model, paths[index] as string);
    (model.graph?.output as unknown[]).splice(-names.length);
  }
  const samples = new Map<string, Float32Array[]>(names.map((name) => [name, []]));
  const keep = (outputs: ort.InferenceSession.ReturnType, real: number) => {
    for (const name of names) {
      const tensor = outputs[name];
      if (!tensor) continue;
      const width = Number(tensor.dims.at(-1));
      samples.get(name)?.push((tensor.data as Float32Array).slice(0, real * width));
    }
  };
  const runner = await openGraphPair(
    job.inspection,
    paths[0] as string,
    paths[1] as string,
    job.scenario,
    keep,
  );
  try {
    for (const prompt of job.prompts) {
      runner.reset();
      await runner.feed(job.tokenizer.encode(prompt));
    }
  } finally {
    await runner.release();
    await Promise.all(paths.map((path) => rm(path, { force: true })));
  }
  return samples;
}

function concat(parts: Float32Array[]): Float32Array {
  const all = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}
