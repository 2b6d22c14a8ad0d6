import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildRequest } from '../../../shared/build-request';
import type { LoadedModel } from './onnx-io';

/** A model's files as they were when a build request was keyed: path, inode, size, mtime. */
interface Remembered {
  files: string[];
  fingerprint: string;
  key: string;
}

const remembered = new Map<string, Remembered>();
const maxRemembered = 64;

async function fingerprintOf(files: readonly string[]): Promise<string | null> {
  const stats = await Promise.all(
    files.map((file) => stat(file, { bigint: true }).catch(() => null)),
  );
  if (stats.some((info) => info === null)) return null;
  return stats.map((info) => `${info!.ino}:${info!.size}:${info!.mtimeNs}`).join('\n');
}

/**
 * The artifact key an earlier build of `request` came to in this process, while the model's
 * files (the graph and its external data) are unchanged by inode, size and mtime — the same
 * trust `hashFile` puts in them — so a run on an unchanged model finds its cached graphs without
 * decoding, inspecting and hashing the model again. Null when unknown or anything changed.
 */
export async function rememberedKey(request: BuildRequest, modelPath: string) {
  const known = remembered.get(requestId(request, modelPath));
  if (!known) return null;
  return (await fingerprintOf(known.files)) === known.fingerprint ? known.key : null;
}

/** Remembers the key `request` came to on the model as `loaded` read it. */
export async function rememberKey(request: BuildRequest, loaded: LoadedModel, key: string) {
  const files = [loaded.path, ...loaded.externalFiles.map((file) => join(loaded.dir, file))];
  const fingerprint = await fingerprintOf(files);
  if (fingerprint === null) return;
  if (remembered.size >= maxRemembered) remembered.delete(remembered.keys().next().value!);
  remembered.set(requestId(request, loaded.path), { files, fingerprint, key });
}

function requestId(request: BuildRequest, modelPath: string): string {
  return JSON.stringify([modelPath, request]);
}
