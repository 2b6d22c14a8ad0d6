import { parseQuantSpec } from '../../shared/quant-spec';
import { reportTensor } from '../core/graphs/quant/quant-report';
import { quantizeWeight, type IntSpec } from '../core/graphs/quant/quantized-weight';
import { pairedMedians, type Benchmark, type BenchFigure } from './benchmark';
import { NumpyBaseline } from './numpy-baseline';

// 16 matrices of 2048 × 2048 float32: 256 MiB of weights per run, for both sides.
const k = 2048;
const n = 2048;
const count = 16;
const megabytes = (count * k * n * 4) / 1e6;

type Kernel = 'int8-channel' | 'int4-g32';

/** Pairs of one studio pass and one numpy pass, interleaved (see pairedMedians). */
const pairs = 7;

function randomMatrices(): Float32Array[] {
  let seed = 1;
  const next = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => Float32Array.from({ length: k * n }, next));
}

function intSpec(text: string): IntSpec {
  const parsed = parseQuantSpec(text);
  if (!parsed.ok || parsed.value.kind !== 'int') throw new Error(`not an int spec: ${text}`);
  return parsed.value;
}

/** Seconds of one pass of the graph quantiser's own entry point (and its report) over the matrices. */
function passSeconds(matrices: Float32Array[], spec: IntSpec, withReport = false): number {
  const started = performance.now();
  for (const matrix of matrices) {
    const weight = quantizeWeight(matrix, k, n, spec);
    if (withReport) reportTensor('w', matrix, weight, 0);
  }
  return (performance.now() - started) / 1000;
}

/** MB/s of float32 weights through one kernel; the figure is the ratio to numpy (goal ≥ 1). */
function quantizeBench(kernel: Kernel): Benchmark {
  return {
    name: `quantize-${kernel}`,
    description: `${kernel} weight quantisation over ${(count * k * n * 4) / 2 ** 20} MiB of fp32, ratio to numpy (${pairs} interleaved pairs)`,
    async run(): Promise<BenchFigure> {
      const matrices = randomMatrices();
      const spec = intSpec(kernel);
      const studio = async () => megabytes / passSeconds(matrices, spec);
      const baseline = await NumpyBaseline.start(k, n, count).catch((error: unknown) =>
        error instanceof Error ? error : new Error(String(error)),
      );
      if (baseline instanceof Error) {
        const alone = await studio();
        console.log(`  studio ${alone.toFixed(0)} MB/s; baseline unavailable: ${baseline.message}`);
        return { value: alone, unit: 'MB/s' };
      }
      const paired = await pairedMedians(pairs, studio, () => baseline.sample(kernel)).finally(() =>
        baseline.close(),
      );
      console.log(
        `  studio ${paired.a.toFixed(0)} MB/s, numpy ${paired.b.toFixed(0)} MB/s (medians)`,
      );
      return { value: paired.ratio, unit: '× numpy', goal: { op: '>=', value: 1 } };
    },
  };
}

export const quantizeInt4G32 = quantizeBench('int4-g32');
export const quantizeInt8Channel = quantizeBench('int8-channel');

/**
 * What the `-mse` scale search costs: int4-g32-mse's kernel time over int4-g32's (goal ≤ 2), and
 * the same ratio per tensor as a build quantises one (kernel plus its SQNR report).
 */
export const quantizeSearchCost: Benchmark = {
  name: 'quantize-search-cost',
  description: `int4-g32-mse kernel time over int4-g32's on ${(count * k * n * 4) / 2 ** 20} MiB of fp32 (${pairs} interleaved pairs)`,
  async run(): Promise<BenchFigure> {
    const matrices = randomMatrices();
    const time = (text: string, withReport = false) => {
      const spec = intSpec(text);
      return async () => passSeconds(matrices, spec, withReport);
    };
    const kernel = await pairedMedians(pairs, time('int4-g32-mse'), time('int4-g32'));
    const task = await pairedMedians(3, time('int4-g32-mse', true), time('int4-g32', true));
    console.log(
      `  kernel: int4-g32 ${(megabytes / kernel.b).toFixed(0)} MB/s, int4-g32-mse ${(megabytes / kernel.a).toFixed(0)} MB/s`,
    );
    console.log(
      `  per tensor with its SQNR report (a build's unit of work): ${task.ratio.toFixed(2)}×`,
    );
    return { value: kernel.ratio, unit: '× int4-g32 time', goal: { op: '<=', value: 2 } };
  },
};
