#!/usr/bin/env node
// Compiles kernels.wat to kernels.wasm with wabt (npm). Run after editing kernels.wat; a unit test
// fails when the committed kernels.wasm is not what kernels.wat compiles to.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

const here = dirname(fileURLToPath(import.meta.url));

/** The wasm bytes of kernels.wat. */
export async function compileKernels() {
  const tools = await wabt();
  const module = tools.parseWat('kernels.wat', readFileSync(join(here, 'kernels.wat'), 'utf8'), {
    simd: true,
  });
  module.validate();
  return Buffer.from(module.toBinary({}).buffer);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(here, 'kernels.wasm'), await compileKernels());
  console.log('wrote kernels.wasm');
}
