import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AdbStream, type StreamLink } from './adb-stream';
import { SandboxFs } from './sandbox-fs';
import { startSyncService } from './sync-service';

const work = mkdtempSync(join(tmpdir(), 'edge-studio-sync-service-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const link: StreamLink = { maxData: 4096, sendWrite: () => undefined, sendClose: () => undefined };

function request(id: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('the sync service', () => {
  it('leaves no file when the link closes while SEND is still opening it', async () => {
    const fs = new SandboxFs(join(work, 'root'), []);
    const stream = new AdbStream(1, 2, link);
    startSyncService(stream, { fs, readVirtual: async () => null, onPushed: () => undefined });
    const sent = stream.received(
      Buffer.concat([
        request('SEND', Buffer.from('/data/local/tmp/partial.bin,33188')),
        request('DATA', Buffer.alloc(1000, 7)),
      ]),
    );
    // The host goes away before the service has even opened the file.
    stream.closedByPeer();
    await sent;
    expect(existsSync(join(fs.root, 'data/local/tmp/partial.bin'))).toBe(false);
  });
});
