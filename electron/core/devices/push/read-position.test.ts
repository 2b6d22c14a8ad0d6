import { open } from 'node:fs/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followReadPosition } from './read-position';

const work = mkdtempSync(join(tmpdir(), 'edge-studio-read-position-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('followReadPosition', () => {
  it('follows the offset of a descriptor open on the file', async () => {
    const file = join(work, 'payload.bin');
    writeFileSync(file, Buffer.alloc(10_000, 7));
    const readPosition = followReadPosition(process.pid, file);
    const handle = await open(file, 'r');
    try {
      await handle.read(Buffer.alloc(4096), 0, 4096, null);
      expect(await readPosition()).toBe(4096);
      await handle.read(Buffer.alloc(1000), 0, 1000, null);
      expect(await readPosition()).toBe(5096);
    } finally {
      await handle.close();
    }
    expect(await readPosition()).toBeNull();
  });

  it('notices when the descriptor it follows is closed and its number reused', async () => {
    const file = join(work, 'first.bin');
    const other = join(work, 'other.bin');
    writeFileSync(file, Buffer.alloc(10_000, 1));
    writeFileSync(other, Buffer.alloc(10_000, 2));
    const readPosition = followReadPosition(process.pid, file);
    const first = await open(file, 'r');
    await first.read(Buffer.alloc(3000), 0, 3000, null);
    expect(await readPosition()).toBe(3000);
    const number = first.fd;
    await first.close();
    // The lowest free number is the one just closed: `other` now sits where `file` was.
    const reused = await open(other, 'r');
    try {
      expect(reused.fd).toBe(number);
      await reused.read(Buffer.alloc(700), 0, 700, null);
      expect(await readPosition()).toBeNull();
      const again = await open(file, 'r');
      await again.read(Buffer.alloc(1234), 0, 1234, null);
      expect(await readPosition()).toBe(1234);
      await again.close();
    } finally {
      await reused.close();
    }
  });

  it('is null once nothing has the file open, or for a process that is gone', async () => {
    const file = join(work, 'closed.bin');
    writeFileSync(file, 'x');
    expect(await followReadPosition(process.pid, file)()).toBeNull();
    expect(await followReadPosition(2 ** 22 + 1, file)()).toBeNull();
  });
});
