import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseQuantSpec } from '../../shared/quant-spec';
import { quantizeWeight, type IntSpec } from '../core/graphs/quant/quantized-weight';
import type { Benchmark, BenchFigure } from './benchmark';

// 16 matrices of 2048 × 2048 float32: 256 MiB of weights per run, for both sides.
const k = 2048;
const n = 2048;
const count = 16;

type Kernel = 'int8-channel' | 'int4-g32';

let numpyFigures: Record<Kernel, number> | undefined;

/** numpy's MB/s for both kernels, measured once per bench run with Debian's python3-numpy. */
function numpyBaseline(kernel: Kernel): number {
  numpyFigures ??= JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      [join(import.meta.dirname, 'numpy_quantize.py'), String(k), String(n), String(count)],
      {
        encoding: 'utf8',
      },
    ),
  ) as Record<Kernel, number>;
  return numpyFigures[kernel];
}

function randomMatrices(): Float32Array[] {
  let seed = 1;
  const next = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => Float32Array.from({ length: k * n }, next));
}

/** The graph quantiser's own entry point, so the bench measures the path builds take. */
const kernels: Record<Kernel, (w: Float32Array) => unknown> = {
  'int8-channel': (w) => quantizeWeight(w, k, n, intSpec('int8-channel')),
  'int4-g32': (w) => quantizeWeight(w, k, n, intSpec('int4-g32')),
};

function intSpec(text: string): IntSpec {
  const parsed = parseQuantSpec(text);
  if (!parsed.ok || parsed.value.kind !== 'int') throw new Error(`not an int spec: ${text}`);
  return parsed.value;
}

/** MB/s of float32 weights through one kernel; the figure is the ratio to numpy (goal ≥ 1). */
function quantizeBench(kernel: Kernel): Benchmark {
  return {
    name: `quantize-${kernel}`,
    description: `${kernel} weight quantisation over ${(count * k * n * 4) / 2 ** 20} MiB of fp32, ratio to numpy`,
    async run(): Promise<BenchFigure> {
      const matrices = randomMatrices();
      kernels[kernel](matrices[0] as Float32Array);
      const started = performance.now();
      for (const matrix of matrices) kernels[kernel](matrix);
      const seconds = (performance.now() - started) / 1000;
      const megabytes = (count * k * n * 4) / 1e6;
      const numpy = numpyBaseline(kernel);
      console.log(
        `  studio ${(megabytes / seconds).toFixed(0)} MB/s, numpy ${numpy.toFixed(0)} MB/s`,
      );
      return { value: megabytes / seconds / numpy, unit: '× numpy', goal: { op: '>=', value: 1 } };
    },
  };
}

export const quantizeInt4G32 = quantizeBench('int4-g32');
export const quantizeInt8Channel = quantizeBench('int8-channel');
