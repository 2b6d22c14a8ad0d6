import { z } from 'zod';

/** ABIs edge-runner bundles are built for (electron/runner/build.mjs). */
export const runtimeAbiSchema = z.enum(['x86_64', 'arm64-v8a']);

/**
 * A runtime bundle the studio can run: one the setup step built (`out/runtime/<abi>`, not stored,
 * `id` is `built:<abi>`) or one a user registered (an NDK build with NNAPI or QNN, `id` a number).
 */
export const runtimeBundleSchema = z.object({
  id: z.string(),
  source: z.enum(['built', 'user']),
  abi: runtimeAbiSchema,
  dir: z.string(),
  hash: z.string(),
  label: z.string(),
  /** When a user bundle was registered (ms since the epoch); null for a built one. */
  addedAt: z.number().nullable(),
});
export type RuntimeBundle = z.infer<typeof runtimeBundleSchema>;

/** Args of `runtime:add`: the bundle's folder on this host, and an optional label. */
export const runtimeAddSchema = z
  .object({
    dir: z.string().min(1).max(4096),
    label: z.string().min(1).max(200).optional(),
  })
  .strict();
