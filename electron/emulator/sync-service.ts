import { createReadStream } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdbStream } from './adb-stream';
import type { SandboxFs } from './sandbox-fs';
import {
  encodeData,
  encodeDent,
  encodeDone,
  encodeFail,
  encodeListDone,
  encodeOkay,
  encodeStat,
  maxSyncData,
  maxSyncPath,
  SyncRequestParser,
  type SyncRequest,
  type SyncStat,
} from './sync-protocol';
import {
  abortUpload,
  appendData,
  finishUpload,
  flushUpload,
  openUpload,
  type Upload,
} from './sync-upload';

/** What a sync session needs from its phone. */
export interface SyncContext {
  fs: SandboxFs;
  /** /proc and /sys: STAT and RECV read them like files (adb pull /proc/meminfo). */
  readVirtual(path: string): Promise<string | null>;
  /** A SEND completed: the device path and the sha256 of the bytes received. */
  onPushed(devicePath: string, sha256: string): void;
}

/** Runs one `sync:` session on `stream`: STAT, LIST, SEND, RECV, QUIT. */
export function startSyncService(stream: AdbStream, context: SyncContext): void {
  const parser = new SyncRequestParser();
  let upload: Upload | null = null;
  stream.onClose(() => {
    // The link went away mid-SEND: leave no partial file behind, as adbd does.
    if (upload) void abortUpload(upload);
  });
  stream.onData(async (chunk) => {
    for (const request of parser.push(chunk)) {
      if (stream.closed) return;
      if (request.id === 'DATA' && upload) {
        appendData(upload, request.payload);
        continue;
      }
      if (upload) await flushUpload(upload);
      upload = await handle(request, upload, stream, context);
      // The link went away while SEND was opening its file: `onClose` saw no upload yet.
      if (upload && stream.closed) return void (await abortUpload(upload));
    }
    if (upload) await flushUpload(upload);
    if (parser.error) await failAndClose(stream, parser.error);
  });
}

async function handle(
  request: SyncRequest,
  upload: Upload | null,
  stream: AdbStream,
  context: SyncContext,
): Promise<Upload | null> {
  const path = request.payload.toString('utf8');
  if (['STAT', 'LIST', 'SEND', 'RECV'].includes(request.id) && path.length > maxSyncPath) {
    await failAndClose(stream, 'path too long');
    return null;
  }
  switch (request.id) {
    case 'STAT':
      await stream.write(encodeStat(await statOf(context, path)));
      return null;
    case 'LIST':
      await list(stream, context.fs, path);
      return null;
    case 'SEND':
      // A new SEND before the previous DONE abandons the previous file.
      if (upload) await abortUpload(upload);
      return beginUpload(stream, context.fs, path);
    case 'DONE':
      if (upload) {
        context.onPushed(upload.devicePath, await finishUpload(upload, request.value));
        await stream.write(encodeOkay());
      }
      return null;
    case 'RECV':
      await download(stream, context, path);
      return null;
    case 'QUIT':
      stream.end();
      return null;
    default:
      await failAndClose(stream, `unexpected ${request.id}`);
      return null;
  }
}

function toSyncStat(stats: { mode: number; size: number; mtimeMs: number }): SyncStat {
  return { mode: stats.mode, size: stats.size, mtime: Math.floor(stats.mtimeMs / 1000) };
}

async function statOf(context: SyncContext, path: string): Promise<SyncStat | null> {
  const virtual = await context.readVirtual(path);
  if (virtual !== null) {
    return {
      mode: 0o100444,
      size: Buffer.byteLength(virtual),
      mtime: Math.floor(Date.now() / 1000),
    };
  }
  const host = await context.fs.hostPath(path, 'read');
  if (!host.ok) return null;
  return stat(host.value).then(toSyncStat, () => null);
}

async function list(stream: AdbStream, fs: SandboxFs, path: string): Promise<void> {
  const host = await fs.hostPath(path, 'read');
  const names = host.ok ? await readdir(host.value).catch(() => [] as string[]) : [];
  for (const name of ['.', '..', ...names]) {
    const stats = await lstat(join(host.ok ? host.value : '/nonexistent', name)).catch(() => null);
    if (stats && host.ok) await stream.write(encodeDent(name, toSyncStat(stats)));
  }
  await stream.write(encodeListDone());
}

async function beginUpload(stream: AdbStream, fs: SandboxFs, spec: string): Promise<Upload | null> {
  const upload = await openUpload(fs, spec);
  if (upload.ok) return upload.value;
  await failAndClose(stream, upload.error.message);
  return null;
}

async function download(stream: AdbStream, context: SyncContext, path: string): Promise<void> {
  const virtual = await context.readVirtual(path);
  if (virtual !== null) {
    await stream.write(encodeData(Buffer.from(virtual)));
    return void (await stream.write(encodeDone()));
  }
  const host = await context.fs.hostPath(path, 'read');
  if (!host.ok) return failAndClose(stream, host.error.message);
  try {
    const reader = createReadStream(host.value, { highWaterMark: maxSyncData });
    for await (const chunk of reader) {
      if (stream.closed) break;
      await stream.write(encodeData(chunk as Buffer));
    }
    await stream.write(encodeDone());
  } catch (error) {
    await failAndClose(stream, `${path}: ${(error as NodeJS.ErrnoException).code ?? 'failed'}`);
  }
}

async function failAndClose(stream: AdbStream, message: string): Promise<void> {
  await stream.write(encodeFail(message));
  stream.end();
}
