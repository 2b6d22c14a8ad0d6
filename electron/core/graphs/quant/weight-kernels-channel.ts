import { rint, storedScale } from './rounding';
import { channelGrid, lloydStep, searchRatio } from './scale-search';

/**
 * Weight quantisation kernels over a row-major float32 matrix W[K, N] (a MatMul's B input:
 * K = input features, N = output channels). Single passes, no temporaries beyond the outputs:
 * these are the studio's hot loops (see the quantize-* benchmarks).
 */

/** Per-output-channel int8 (symmetric): one scale per column n, q = round(w / scale). */
export interface ChannelQuantized {
  values: Int8Array;
  scales: Float32Array;
}

/**
 * Scales absmax / 127 (ONNX Runtime's symmetric int8 weights: codes −127…127), or with `search`
 * each column's clip ratio of least error and its least-squares scale.
 */
export function quantizePerChannel(
  weights: Float32Array,
  k: number,
  n: number,
  search = false,
): ChannelQuantized {
  const absMax = new Float32Array(n);
  for (let row = 0; row < k; row++) {
    const base = row * n;
    for (let col = 0; col < n; col++) {
      const value = Math.abs(weights[base + col] as number);
      if (value > (absMax[col] as number)) absMax[col] = value;
    }
  }
  const scales = new Float32Array(n);
  // float32 inverse scales and float32 products: the same arithmetic as the SIMD kernels.
  const inverse = new Float32Array(n);
  for (let col = 0; col < n; col++) {
    scales[col] = storedScale((absMax[col] as number) / 127);
    inverse[col] = 1 / (scales[col] as number);
  }
  if (search) searchColumns(weights, k, n, absMax, { scales, inverse });
  const values = new Int8Array(k * n);
  for (let row = 0; row < k; row++) {
    const base = row * n;
    for (let col = 0; col < n; col++)
      values[base + col] = channelCode(weights[base + col] as number, inverse[col] as number);
  }
  return { values, scales };
}

function channelCode(value: number, inverse: number): number {
  return Math.min(127, Math.max(-127, rint(Math.fround(value * inverse))));
}

/** The `-mse` search per column, in place of the default scales. */
function searchColumns(
  weights: Float32Array,
  k: number,
  n: number,
  absMax: Float32Array,
  out: { scales: Float32Array; inverse: Float32Array },
): void {
  const values = new Float64Array(k);
  for (let col = 0; col < n; col++) {
    for (let row = 0; row < k; row++) values[row] = weights[row * n + col] as number;
    const max = absMax[col] as number;
    const problem = {
      values,
      rows: k,
      lo: -127,
      hi: 127,
      candidate: (ratio: number) => ({
        scale: storedScale(Math.fround(max * ratio) / 127),
        zero: 0,
      }),
      plain: { scale: out.scales[col] as number, zero: 0 },
    };
    const chosen = lloydStep(problem, searchRatio(problem, channelGrid), channelCode);
    out.scales[col] = chosen.scale;
    out.inverse[col] = chosen.inverse;
  }
}
