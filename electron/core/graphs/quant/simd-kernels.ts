import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { studioRoot } from '../../paths';
import { channelGrid, symmetricGrids, type SearchGrid } from './scale-search';
import type { BlockQuantized } from './weight-kernels-blockwise';
import type { ChannelQuantized } from './weight-kernels-channel';

// @types/node 20 does not declare the WebAssembly globals (they live in lib.dom): declare the little used here.
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/** kernels.wat's exports; pointers are byte offsets into `memory`. */
interface Kernels {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  block_scales(
    w: number,
    n: number,
    rows: number,
    half: number,
    ratios: number,
    search: number,
    step: number,
    top: number,
    scales: number,
    sstride: number,
    inv: number,
    scratch: number,
    out: number,
    ostride: number,
  ): void;
  channel_scales(
    w: number,
    n: number,
    k: number,
    ratios: number,
    search: number,
    step: number,
    top: number,
    scales: number,
    inv: number,
    scratch: number,
  ): void;
  pack_block4(
    w: number,
    n: number,
    rows: number,
    inv: number,
    out: number,
    stride: number,
    scratch: number,
  ): void;
  pack_block8(
    w: number,
    n: number,
    rows: number,
    inv: number,
    out: number,
    stride: number,
    scratch: number,
  ): void;
  quantize_channel(w: number, k: number, n: number, inv: number, q: number): void;
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

/** True when the per-channel SIMD kernel takes N (16 columns a step); else use the scalar one. */
export function simdFits(n: number): boolean {
  return n > 0 && n % 16 === 0;
}

/** True when the symmetric block SIMD kernels take the shape: whole blocks of 16 codes a column. */
export function blockSimdFits(k: number, n: number, bits: 4 | 8, blockSize: number): boolean {
  return simdFits(n) && k % blockSize === 0 && blockSize % (bits === 4 ? 32 : 16) === 0;
}

/** No coarse ratios: the default scales. */
const noSearch: SearchGrid = { coarse: new Float32Array(0), step: 0, top: 0, unclampedTop: true };

/** Bytes of the scale kernels' scratch: 1024, and for the search a tile of 16 columns' rows. */
function scalesScratch(rows: number, search: boolean): number {
  return 1024 + (search ? Math.ceil(rows / 2) * 2 * 64 : 0);
}

/** block_scales' scratch: with the search, also the block's codes (16 bytes a row) and 256. */
function blockScratch(rows: number, search: boolean): number {
  return scalesScratch(rows, search) + (search ? rows * 16 + 256 : 0);
}

/** Lays regions out in the module's memory (growing it), 16-byte aligned. */
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
  search = false,
): ChannelQuantized {
  const grid = search ? channelGrid : noSearch;
  const { kernels, offsets } = arena([
    k * n * 4,
    n * 4,
    n * 4,
    grid.coarse.byteLength,
    scalesScratch(k, search),
    k * n,
  ]);
  const [w = 0, scales = 0, inv = 0, ratios = 0, scratch = 0, q = 0] = offsets;
  const { buffer } = kernels.memory;
  new Float32Array(buffer, w, k * n).set(weights);
  new Float32Array(buffer, ratios, grid.coarse.length).set(grid.coarse);
  kernels.channel_scales(
    w,
    n,
    k,
    ratios,
    search ? 1 : 0,
    grid.step,
    grid.top,
    scales,
    inv,
    scratch,
  );
  kernels.quantize_channel(w, k, n, inv, q);
  return {
    values: new Int8Array(buffer, q, k * n).slice(),
    scales: new Float32Array(buffer, scales, n).slice(),
  };
}

/**
 * Symmetric int4 or int8 blocks in MatMulNBits layout, same results as quantizeBlockwise (see
 * blockSimdFits). One K-block of rows at a time is copied in and quantised while it is in cache.
 */
export function quantizeBlocksSimd(
  weights: Float32Array,
  k: number,
  n: number,
  options: { bits: 4 | 8; blockSize: number; search: boolean },
): BlockQuantized {
  const { bits, blockSize } = options;
  const kBlocks = k / blockSize;
  const blockBytes = (blockSize * bits) / 8;
  const grid = options.search ? symmetricGrids[bits] : noSearch;
  const { kernels, offsets } = arena([
    blockSize * n * 4,
    n * 4,
    // Also pack_block*'s transpose buffers (512 bytes).
    blockScratch(blockSize, options.search),
    grid.coarse.byteLength,
    n * kBlocks * 4,
    n * kBlocks * blockBytes,
  ]);
  const [w = 0, inv = 0, scratch = 0, ratios = 0, scales = 0, out = 0] = offsets;
  const { buffer } = kernels.memory;
  new Float32Array(buffer, ratios, grid.coarse.length).set(grid.coarse);
  const rows = new Float32Array(buffer, w, blockSize * n);
  const pack = bits === 4 ? kernels.pack_block4 : kernels.pack_block8;
  for (let block = 0; block < kBlocks; block++) {
    rows.set(weights.subarray(block * blockSize * n, (block + 1) * blockSize * n));
    kernels.block_scales(
      w,
      n,
      blockSize,
      1 << (bits - 1),
      ratios,
      options.search ? 1 : 0,
      grid.step,
      grid.top,
      scales + block * 4,
      kBlocks * 4,
      inv,
      scratch,
      out + block * blockBytes,
      kBlocks * blockBytes,
    );
    // The search writes its blocks' codes as it refits their scales.
    if (!options.search) {
      pack(w, n, blockSize, inv, out + block * blockBytes, kBlocks * blockBytes, scratch);
    }
  }
  return {
    packed: new Uint8Array(buffer, out, n * kBlocks * blockBytes).slice(),
    scales: new Float32Array(buffer, scales, n * kBlocks).slice(),
    zeroPoints: null,
    kBlocks,
  };
}
