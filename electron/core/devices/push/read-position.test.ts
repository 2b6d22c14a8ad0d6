import { open } from 'node:fs/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPosition } from './read-position';

const work = mkdtempSync(join(tmpdir(), 'edge-studio-read-position-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('readPosition', () => {
  it('follows the offset of a descriptor open on the file', async () => {
    const file = join(work, 'payload.bin');
    writeFileSync(file, Buffer.alloc(10_000, 7));
    const handle = await open(file, 'r');
    try {
      await handle.read(Buffer.alloc(4096), 0, 4096, null);
      expect(await readPosition(process.pid, file)).toBe(4096);
      await handle.read(Buffer.alloc(1000), 0, 1000, null);
      expect(await readPosition(process.pid, file)).toBe(5096);
    } finally {
      await handle.close();
    }
  });

  it('is null once nothing has the file open, or for a process that is gone', async () => {
    const file = join(work, 'closed.bin');
    writeFileSync(file, 'x');
    expect(await readPosition(process.pid, file)).toBeNull();
    expect(await readPosition(2 ** 22 + 1, file)).toBeNull();
  });
});
