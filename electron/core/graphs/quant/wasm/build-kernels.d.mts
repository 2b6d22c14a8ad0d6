/** The wasm bytes kernels.wat compiles to. */
export function compileKernels(): Promise<Buffer>;
