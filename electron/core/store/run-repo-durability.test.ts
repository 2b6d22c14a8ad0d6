import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing';
import { openDatabase } from './database';
import { RunRepo } from './run-repo';
import { testSamples, testSummary, writerBatchSize } from './testing-runs';

const writer = fileURLToPath(new URL('./testing-run-writer.ts', import.meta.url));

/** Starts the writer and resolves with it once `ready` says a line is the one to kill it at. */
function killWriterWhen(
  dataDir: string,
  mode: 'append' | 'finish',
  ready: (line: string) => boolean,
): Promise<string[]> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', writer, dataDir, 'r1', mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(lines) : reject(new Error(`writer exited ${code}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (ready(line)) child.kill('SIGKILL');
    });
  });
}

describe('a run survives a SIGKILL of the studio', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => (data = tempDataDir()));
  afterEach(() => data.cleanup());

  it('keeps every batch reported committed; at most the batch in flight is lost', async () => {
    // Kill well after the first WAL checkpoint (1000 pages), mid-stream of batches.
    const lines = await killWriterWhen(data.dir, 'append', (line) => line === 'committed 40');
    const reported = lines.filter((line) => line.startsWith('committed ')).length;
    expect(reported).toBeGreaterThanOrEqual(41);
    const db = openDatabase(data.dir);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const repo = new RunRepo(db);
    const kept = repo.get('r1')?.samples ?? 0;
    // The writer may have committed the next batches before the kill landed, never part of one.
    expect(kept % writerBatchSize).toBe(0);
    expect(kept).toBeGreaterThanOrEqual(reported * writerBatchSize);
    console.info(`reported ${reported} batches, kept ${kept / writerBatchSize}`);
    const samples = repo.samples('r1', { limit: kept + 1 });
    expect(samples).toHaveLength(kept);
    expect(samples.at(-1)).toEqual(testSamples(kept - 1, 1)[0]);
    expect(repo.markInterrupted()).toBe(1);
    db.close();
  });

  it('keeps a run finished just before the kill whole', async () => {
    await killWriterWhen(data.dir, 'finish', (line) => line === 'finished');
    const db = openDatabase(data.dir);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const repo = new RunRepo(db);
    expect(repo.get('r1')).toMatchObject({
      state: 'finished',
      summary: testSummary(42),
      samples: 3 * writerBatchSize,
    });
    expect(repo.stats('r1')).toEqual(testSummary(42).stats);
    expect(repo.markInterrupted()).toBe(0);
    db.close();
  });
});
