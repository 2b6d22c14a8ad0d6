import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ok, type Result } from '../../../shared/result';
import { cachedPush, type CachedPushOptions, type PushDevice } from '../devices/push/cached-push';
import { weightsFileName } from '../graphs/weights-file';
import type { BuiltArtifact } from './accuracy/host-reference';
import { pushBundle, type LocalBundle } from './runtimes/bundle-push';

/** Where a run's files are on the phone. */
export interface PhoneRunFiles {
  /** The unpacked runtime bundle's folder. */
  bundleDir: string;
  /** The graphs in the phone's content-addressed cache (`cache/<sha256>`). */
  prefill: string;
  decode: string;
  /** External-data location as the graphs name it → its cached file (the plan's `data_files`). */
  dataFiles: Record<string, string>;
  /** Bytes that had to be sent (0 when everything was cached). */
  sentBytes: number;
}

/** How a push step reports: a fraction of the bytes and what it is on. */
export type PushReport = (fraction: number, message: string) => void;

/**
 * Puts what a run needs on the phone, each once per content: the runtime bundle for its ABI,
 * then the artifact's graphs and weights into the content-addressed cache, where a sweep's
 * other scenarios of one quantised model find the same weights already there.
 */
export async function pushRunFiles(
  device: PushDevice,
  artifact: BuiltArtifact,
  bundle: LocalBundle,
  options: Pick<CachedPushOptions, 'adb' | 'signal'> & { onProgress?: PushReport },
): Promise<Result<PhoneRunFiles>> {
  const report = options.onProgress ?? (() => undefined);
  const push = { adb: options.adb, signal: options.signal };
  report(0, 'runtime bundle');
  const pushed = await pushBundle(device, bundle, push);
  if (!pushed.ok) return pushed;
  const files = await artifactFiles(artifact);
  const remote: string[] = [];
  let sentBytes = pushed.value.pushed ? pushed.value.tarBytes : 0;
  for (const [index, file] of files.entries()) {
    const step = (fraction: number) => report((index + fraction) / files.length, file.name);
    const cached = await cachedPush(device, file.path, {
      ...push,
      onProgress: ({ bytes, total }) => step(total > 0 ? bytes / total : 1),
    });
    if (!cached.ok) return cached;
    remote.push(cached.value.remotePath);
    if (!cached.value.skipped) sentBytes += cached.value.bytes;
  }
  report(1, 'on the phone');
  const [prefill, decode, weights] = remote;
  const dataFiles: Record<string, string> = weights ? { [weightsFileName]: weights } : {};
  return ok({
    bundleDir: pushed.value.dir,
    prefill: prefill!,
    decode: decode!,
    dataFiles,
    sentBytes,
  });
}

/** The prefill graph, the decode graph and, when the build wrote one, the shared weights file. */
async function artifactFiles(artifact: BuiltArtifact) {
  const weights = join(artifact.dir, weightsFileName);
  const hasWeights = await access(weights).then(
    () => true,
    () => false,
  );
  return [
    { name: 'prefill graph', path: join(artifact.dir, artifact.prefill.file) },
    { name: 'decode graph', path: join(artifact.dir, artifact.decode.file) },
    ...(hasWeights ? [{ name: 'weights', path: weights }] : []),
  ];
}
