import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { studioRoot } from '../../paths';
import { storedScale } from './rounding';
import type { BlockQuantized } from './weight-kernels-blockwise';
import type { ChannelQuantized } from './weight-kernels-channel';

// @types/node 20 does not declare the WebAssembly globals (they live in lib.dom): declare the little used here.
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface Kernels {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  absmax_rows(w: number, n: number, r0: number, r1: number, out: number): void;
  quantize_channel(w: number, k: number, n: number, inv: number, q: number): void;
  pack_block_int4(
    w: number,
    n: number,
    r0: number,
    block: number,
    inv: number,
    out: number,
    stride: number,
  ): void;
}

let kernels: Kernels | undefined;

/** The SIMD kernels (kernels.wat, compiled to kernels.wasm by wasm/build-kernels.mjs), loaded once. */
function load(): Kernels {
  kernels ??= new wasm.Instance(
    new wasm.Module(
      readFileSync(join(studioRoot(), 'electron/core/graphs/quant/wasm/kernels.wasm')),
    ),
  ).exports as unknown as Kernels;
  return kernels;
}

/** True when the SIMD kernels take this shape (16 columns a step); else use the scalar ones. */
export function simdFits(n: number, blockSize = 2): boolean {
  return n % 16 === 0 && blockSize % 2 === 0;
}

/** Lays regions out in the module's memory (growing it), 16-byte aligned, W first. */
function arena(bytes: number[]): { kernels: Kernels; offsets: number[] } {
  const module = load();
  const offsets: number[] = [];
  let end = 0;
  for (const size of bytes) {
    offsets.push(end);
    end += Math.ceil(size / 16) * 16;
  }
  const missing = end - module.memory.buffer.byteLength;
  if (missing > 0) module.memory.grow(Math.ceil(missing / 65536));
  return { kernels: module, offsets };
}

/** Per-output-channel symmetric int8, same results as quantizePerChannel (N a multiple of 16). */
export function quantizePerChannelSimd(
  weights: Float32Array,
  k: number,
  n: number,
): ChannelQuantized {
  const { kernels, offsets } = arena([k * n * 4, n * 4, n * 4, k * n]);
  const [w = 0, absMax = 0, inv = 0, q = 0] = offsets;
  new Float32Array(kernels.memory.buffer, w, k * n).set(weights);
  new Float32Array(kernels.memory.buffer, absMax, n).fill(0);
  kernels.absmax_rows(w, n, 0, k, absMax);
  const scales = Float32Array.from(new Float32Array(kernels.memory.buffer, absMax, n), (max) =>
    storedScale(max / 127),
  );
  new Float32Array(kernels.memory.buffer, inv, n).set(scales.map((scale) => 1 / scale));
  kernels.quantize_channel(w, k, n, inv, q);
  return { values: new Int8Array(kernels.memory.buffer, q, k * n).slice(), scales };
}

/** Symmetric int4 blocks in MatMulNBits layout, same results as quantizeBlockwise (K % block = 0). */
export function quantizeInt4BlocksSimd(
  weights: Float32Array,
  k: number,
  n: number,
  blockSize: number,
): BlockQuantized {
  const kBlocks = k / blockSize;
  const blockBytes = blockSize / 2;
  const { kernels, offsets } = arena([k * n * 4, n * 4, n * 4, n * kBlocks * blockBytes]);
  const [w = 0, absMax = 0, inv = 0, out = 0] = offsets;
  new Float32Array(kernels.memory.buffer, w, k * n).set(weights);
  const scales = new Float32Array(n * kBlocks);
  for (let block = 0; block < kBlocks; block++) {
    const maxima = new Float32Array(kernels.memory.buffer, absMax, n).fill(0);
    kernels.absmax_rows(w, n, block * blockSize, (block + 1) * blockSize, absMax);
    const inverse = new Float32Array(kernels.memory.buffer, inv, n);
    for (let col = 0; col < n; col++) {
      const scale = storedScale((maxima[col] as number) / 7);
      scales[col * kBlocks + block] = scale;
      inverse[col] = 1 / scale;
    }
    kernels.pack_block_int4(
      w,
      n,
      block * blockSize,
      blockSize,
      inv,
      out + block * blockBytes,
      kBlocks * blockBytes,
    );
  }
  const packed = new Uint8Array(kernels.memory.buffer, out, n * kBlocks * blockBytes).slice();
  return { packed, scales, zeroPoints: null, kBlocks };
}
