import { rint, storedScale } from './rounding';

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

export function quantizePerChannel(weights: Float32Array, k: number, n: number): ChannelQuantized {
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
  const values = new Int8Array(k * n);
  for (let row = 0; row < k; row++) {
    const base = row * n;
    for (let col = 0; col < n; col++) {
      values[base + col] = rint(
        Math.fround((weights[base + col] as number) * (inverse[col] as number)),
      );
    }
  }
  return { values, scales };
}
