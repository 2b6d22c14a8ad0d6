import { reportTensor, type TensorQuantReport } from './quant-report';
import { quantizeWeight, type IntSpec, type QuantizedWeight } from './quantized-weight';
import { readFloatSource, type FloatSource } from './tensor-data';

/** One MatMul weight W[K, N] to quantise, with where its float values are. */
export interface QuantizeTask {
  name: string;
  k: number;
  n: number;
  spec: IntSpec;
  source: FloatSource;
}

/** A quantised weight and what it cost (`bytesAfter` is filled in once it is emitted). */
export interface QuantizedTask {
  weight: QuantizedWeight;
  report: TensorQuantReport;
}

/**
 * Reads one float weight (by offset when it is external), quantises it and measures the error.
 * The float values are garbage once it returns. Plain data in and out, so a worker thread could
 * run it (a pool of two measured no faster on this project's loaded 2-core build machine).
 */
export function runQuantizeTask(task: QuantizeTask): QuantizedTask {
  const values = readFloatSource(task.source);
  const weight = quantizeWeight(values, task.k, task.n, task.spec);
  return { weight, report: reportTensor(task.name, values, weight, 0) };
}
