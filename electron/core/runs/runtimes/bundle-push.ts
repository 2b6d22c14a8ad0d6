import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import { fail, ok, type Result } from '../../../../shared/result';
import { studioDir } from '../../devices/push/cache-layout';
import {
  cachedPush,
  type CachedPushOptions,
  type PushDevice,
} from '../../devices/push/cached-push';
import { remoteFileSize } from '../../devices/push/send-file';
import { runShell } from '../../devices/shell/device-shell';
import type { BundleManifest } from './runtime-bundle';

/** A runtime bundle on this machine: its folder and manifest. */
export interface LocalBundle {
  dir: string;
  manifest: BundleManifest;
}

/** Where a bundle is unpacked on a phone: named by its hash, so one folder per content. */
export function bundleDeviceDir(manifest: BundleManifest): string {
  return `${studioDir}/rt/${manifest.hash}`;
}

/** What a bundle push did: where the bundle is, and whether bytes moved or tar ran. */
export interface PushedBundle {
  dir: string;
  /** The tar was sent (false: it was in the phone's cache already). */
  pushed: boolean;
  /** The tar was unpacked (false: the folder was there already). */
  unpacked: boolean;
  tarBytes: number;
}

/**
 * The bundle as one plain tar beside its folder (`<dir>.tar`): bundle.json and every file of
 * the manifest, mode kept, mtime 0 and owner 0, so the same bundle is the same bytes, hence one
 * entry in a phone's content-addressed cache. Written once per bundle hash.
 */
export async function bundleTar(bundle: LocalBundle): Promise<string> {
  const path = `${bundle.dir}.tar`;
  const stamp = `${path}.hash`;
  const fresh = await readFile(stamp, 'utf8').catch(() => '');
  if (fresh === bundle.manifest.hash) return path;
  const partial = `${path}.partial`;
  const archive = pack();
  const written = pipeline(archive, createWriteStream(partial));
  for (const name of ['bundle.json', ...bundle.manifest.files.map((file) => file.name)]) {
    const file = join(bundle.dir, name);
    const { size, mode } = await stat(file);
    const header = { name, size, mode: mode & 0o777, mtime: new Date(0), uid: 0, gid: 0 };
    await pipeline(createReadStream(file), archive.entry(header));
  }
  archive.finalize();
  await written;
  await rename(partial, path);
  await writeFile(stamp, bundle.manifest.hash);
  return path;
}

/**
 * Puts a bundle on a phone: its tar goes into the phone's content-addressed cache (pushed once:
 * cachedPush skips bytes already there), then is unpacked with the phone's own `tar` into a
 * temporary folder that is moved to `rt/<hash>/` only when whole, so a folder there is always a
 * complete bundle and a second run neither checks the tar, pushes nor unpacks.
 */
export async function pushBundle(
  device: PushDevice,
  bundle: LocalBundle,
  options: CachedPushOptions = {},
): Promise<Result<PushedBundle>> {
  const tar = await bundleTar(bundle);
  const dir = bundleDeviceDir(bundle.manifest);
  // The folder is only ever moved into place whole, and it is what runs: when it is there, the
  // tar's cache check (a sha256sum of the whole tar on the phone, ~0.1 s a run) buys nothing.
  const present = await remoteFileSize(device, bundleMarker(bundle.manifest)).catch(() => null);
  if (present !== null) {
    return ok({ dir, pushed: false, unpacked: false, tarBytes: (await stat(tar)).size });
  }
  return placeTar(device, tar, dir, options);
}

/** The file whose presence on the phone says the bundle's folder is there, whole. */
export function bundleMarker(manifest: BundleManifest): string {
  return `${bundleDeviceDir(manifest)}/bundle.json`;
}

/**
 * The part of `pushBundle` after its folder was found missing: the tar into the phone's cache
 * (skipped when there), then unpacked into place.
 */
export async function placeBundle(
  device: PushDevice,
  bundle: LocalBundle,
  options: CachedPushOptions = {},
): Promise<Result<PushedBundle>> {
  return placeTar(device, await bundleTar(bundle), bundleDeviceDir(bundle.manifest), options);
}

/**
 * `placeBundle` given the bundle's tar here and its folder on the phone: `pushBundle` has both
 * already, so neither is worked out twice (`bundleTar` reads its stamp file each call).
 */
async function placeTar(
  device: PushDevice,
  tar: string,
  dir: string,
  options: CachedPushOptions,
): Promise<Result<PushedBundle>> {
  const cached = await cachedPush(device, tar, options);
  if (!cached.ok) return cached;
  const result = { dir, pushed: !cached.value.skipped, tarBytes: cached.value.bytes };
  const unpacked = await unpack(device, cached.value.remotePath, dir, options.signal);
  return unpacked.ok ? ok({ ...result, unpacked: true }) : unpacked;
}

/** `tar -xf` into `<dir>.partial`, then `mv` into place (a stale or half folder is removed). */
async function unpack(
  device: PushDevice,
  tar: string,
  dir: string,
  signal?: AbortSignal,
): Promise<Result<void>> {
  const partial = `${dir}.partial`;
  const steps: [string, string[]][] = [
    ['rm', ['-rf', partial, dir]],
    ['mkdir', ['-p', partial]],
    ['tar', ['-xf', tar, '-C', partial]],
    ['mv', [partial, dir]],
  ];
  for (const [program, args] of steps) {
    const run = await runShell(device, program, args, { timeoutMs: 120_000, signal });
    if (!run.ok) return run;
    if (run.value.exitCode !== 0)
      return fail('command-failed', `${program} on the phone failed: ${run.value.stderr.trim()}`);
  }
  return ok(undefined);
}
