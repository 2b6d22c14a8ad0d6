import { createHash, type Hash } from 'node:crypto';
import { chmod, mkdir, open, rm, utimes, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import type { SandboxFs } from './sandbox-fs';
import { parseSendTarget } from './sync-protocol';

/** A file being received by SEND: written as DATA arrives, hashed for the exec check. */
export interface Upload {
  devicePath: string;
  hostPath: string;
  mode: number;
  file: FileHandle;
  hash: Hash;
  pending: Buffer[];
}

/** Opens the target of SEND `path,mode` (parents created, as with fixed_push_mkdir). */
export async function openUpload(fs: SandboxFs, spec: string): Promise<Result<Upload>> {
  const target = parseSendTarget(spec);
  const host = await fs.hostPath(target.path, 'write');
  if (!host.ok) return host;
  try {
    await mkdir(dirname(host.value), { recursive: true });
    await rm(host.value, { force: true });
    const file = await open(host.value, 'w', 0o600);
    const devicePath = fs.devicePath(host.value);
    const hash = createHash('sha256');
    return ok({ devicePath, hostPath: host.value, mode: target.mode, file, hash, pending: [] });
  } catch (error) {
    return fail('unavailable', `${target.path}: ${(error as Error).message}`);
  }
}

/** Queues one DATA payload; `flushUpload` writes the queue in one call. */
export function appendData(upload: Upload, payload: Buffer): void {
  upload.pending.push(payload);
  upload.hash.update(payload);
}

/** Writes every queued DATA payload. */
export async function flushUpload(upload: Upload): Promise<void> {
  if (upload.pending.length === 0) return;
  const chunks = upload.pending;
  upload.pending = [];
  await upload.file.writev(chunks);
}

/** DONE: closes the file, keeps the mode and the mtime sent; returns the sha256 of the bytes. */
export async function finishUpload(upload: Upload, mtime: number): Promise<string> {
  await flushUpload(upload);
  await upload.file.close();
  await chmod(upload.hostPath, upload.mode & 0o7777);
  await utimes(upload.hostPath, mtime, mtime);
  return upload.hash.digest('hex');
}

/** The transfer was cut short: leave no partial file behind, as adbd does. */
export async function abortUpload(upload: Upload): Promise<void> {
  await upload.file.close().catch(() => undefined);
  await rm(upload.hostPath, { force: true });
}
