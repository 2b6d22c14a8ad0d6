import { readFile } from 'node:fs/promises';
import { posix, join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../../shared/result';
import { runtimeAbiSchema } from '../../../../shared/runtime';
import { commandLine, quoteArgument } from '../../devices/shell/android-quote';

/** ABIs edge-runner bundles are built for (electron/runner/build.mjs). */
export const bundleAbis = runtimeAbiSchema.options;
export type BundleAbi = (typeof bundleAbis)[number];

/**
 * `bundle.json`, written by the build next to the files it lists (electron/runner/README.md,
 * "Registering a bundle"). `loader` names glibc's loader for glibc builds; an NDK (bionic) build
 * has none and starts directly with LD_LIBRARY_PATH.
 */
export const bundleManifestSchema = z.object({
  abi: runtimeAbiSchema,
  loader: z
    .string()
    .regex(/^ld-linux-[\w-]+\.so\.\d$/)
    .optional(),
  runner: z.literal('edge-runner'),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(
    z.object({
      name: z.string().regex(/^[\w.+-]+$/),
      size: z.number().int().min(0),
      sha256: z.string(),
    }),
  ),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** Reads and checks the manifest of the bundle in `dir`. */
export async function readBundle(dir: string): Promise<Result<BundleManifest>> {
  const file = join(dir, 'bundle.json');
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return fail('not-found', `no runtime bundle in ${dir}`);
  const json = parseJson(text);
  if (!json.ok) return fail('invalid-args', `${file} is not JSON: ${json.error.message}`);
  const parsed = bundleManifestSchema.safeParse(json.value);
  if (!parsed.success) return fail('invalid-args', `bad bundle.json in ${dir}`);
  return ok(parsed.data);
}

function parseJson(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return fail('invalid-args', error instanceof Error ? error.message : String(error));
  }
}

/**
 * The runner's environment: HOME and TMPDIR inside the folder `home` (the bundle's), telemetry
 * off (ORT's glibc build writes under both when its Env is created unless ORT_DISABLE_TELEMETRY=1);
 * a bundle without a loader finds its libraries through LD_LIBRARY_PATH.
 */
export function runnerEnvironment(
  home: string,
  manifest?: BundleManifest,
  dir?: string,
): Record<string, string> {
  return {
    HOME: posix.join(home, 'home'),
    TMPDIR: posix.join(home, 'tmp'),
    ORT_DISABLE_TELEMETRY: '1',
    ...(manifest && !manifest.loader && dir ? { LD_LIBRARY_PATH: dir } : {}),
  };
}

/**
 * argv of the launch: loader-style `DIR/ld-linux… --library-path DIR DIR/edge-runner PLAN` for a
 * glibc bundle, `DIR/edge-runner PLAN` for a bionic one.
 */
export function loaderArgv(manifest: BundleManifest, dir: string, plan: string): string[] {
  const runner = posix.join(dir, manifest.runner);
  if (!manifest.loader) return [runner, plan];
  return [posix.join(dir, manifest.loader), '--library-path', dir, runner, plan];
}

/**
 * The shell line that starts the runner of a bundle unpacked at `dir` on a phone, every word
 * quoted: it makes HOME and TMPDIR, exports the environment, and execs the loader.
 */
export function deviceLaunchLine(
  manifest: BundleManifest,
  dir: string,
  plan: string,
): Result<string> {
  const environment = runnerEnvironment(dir, manifest, dir);
  const launch = commandLine('exec', loaderArgv(manifest, dir, plan));
  const folders = commandLine('mkdir', ['-p', environment.HOME!, environment.TMPDIR!]);
  if (!launch.ok) return launch;
  if (!folders.ok) return folders;
  const exports = Object.entries(environment).map(
    ([key, value]) => `${key}=${quoteArgument(value)}`,
  );
  return ok(`${folders.value} && export ${exports.join(' ')} && ${launch.value}`);
}
