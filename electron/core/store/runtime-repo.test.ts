import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { RuntimeRepo } from './runtime-repo';

const dir = mkdtempSync(join(tmpdir(), 'edge-studio-runtimes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('registered runtime bundles', () => {
  it('leaves out a row of an ABI this studio cannot run instead of typing it as one', () => {
    const db = openDatabase(dir);
    const repo = new RuntimeRepo(db);
    const bundle = { abi: 'arm64-v8a' as const, dir: '/ndk', hash: 'a'.repeat(64), label: 'NDK' };
    repo.add(bundle, 1);
    // A newer studio's row (or one edited by hand) in the same data folder.
    db.prepare(
      `INSERT INTO runtime_bundles (abi, dir, hash, label, added_at) VALUES ('riscv64', '/rv', 'b', 'RV', 2)`,
    ).run();
    expect(repo.list()).toEqual([{ ...bundle, id: '1', addedAt: 1, source: 'user' }]);
    db.close();
  });
});
