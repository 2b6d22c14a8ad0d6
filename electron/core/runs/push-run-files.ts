import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ok, type Result } from '../../../shared/result';
import { cachedPush, type CachedPushOptions, type PushDevice } from '../devices/push/cached-push';
import { weightsFileName } from '../graphs/weights-file';
import type { BuiltArtifact } from './accuracy/host-reference';
import { surveyCache } from '../devices/push/cache-survey';
import {
  bundleDeviceDir,
  bundleMarker,
  placeBundle,
  type LocalBundle,
} from './runtimes/bundle-push';

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
 * other scenarios of one quantised model find the same weights already there. One shell round
 * trip finds what is there already (`surveyCache`: the bundle's folder, each cached file by its
 * name and size); only what is missing is pushed, and verified, one file at a time (each push
 * checks the free space it needs, so two at once could both count the same free bytes).
 */
export async function pushRunFiles(
  device: PushDevice,
  artifact: BuiltArtifact,
  bundle: LocalBundle,
  options: Pick<CachedPushOptions, 'adb' | 'signal'> & { onProgress?: PushReport },
): Promise<Result<PhoneRunFiles>> {
  const report = options.onProgress ?? (() => undefined);
  const push = { adb: options.adb, signal: options.signal };
  const files = await artifactFiles(artifact);
  const marker = bundleMarker(bundle.manifest);
  const survey = await surveyCache(
    device,
    files.map((file) => file.path),
    [marker],
    options.signal,
  );
  if (!survey.ok) return survey;
  report(0, 'runtime bundle');
  const placed = survey.value.others.has(marker) ? null : await placeBundle(device, bundle, push);
  if (placed && !placed.ok) return placed;
  let sentBytes = placed?.value.pushed ? placed.value.tarBytes : 0;
  for (const [index, entry] of survey.value.files.entries()) {
    if (entry.cached) continue;
    const step = (fraction: number) =>
      report((index + fraction) / files.length, files[index]!.name);
    const cached = await cachedPush(device, entry.file, {
      ...push,
      onProgress: ({ bytes, total }) => step(total > 0 ? bytes / total : 1),
    });
    if (!cached.ok) return cached;
    if (!cached.value.skipped) sentBytes += cached.value.bytes;
  }
  report(1, 'on the phone');
  const [prefill, decode, weights] = survey.value.files.map((entry) => entry.remotePath);
  const dataFiles: Record<string, string> = weights ? { [weightsFileName]: weights } : {};
  return ok({
    bundleDir: bundleDeviceDir(bundle.manifest),
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
