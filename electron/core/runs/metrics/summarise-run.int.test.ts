import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureDemoRun, capturePrompt } from './testing-capture';
import { expectConsistentSummary } from './testing-expect';
import { summariseRun } from './summarise-run';

describe('summariseRun on a live edge-runner run', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('summarises the real runner on the demo model consistently with its own lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'run-metrics-'));
    dirs.push(dir);
    const samples = await captureDemoRun(dir);
    const summary = summariseRun(samples, {
      weightsBytes: 0,
      kvCacheBytes: 0,
      memoryStateBytes: 0,
      promptTokens: capturePrompt.length,
      includeThrottled: false,
      warmup: 0,
      accuracy: null,
    });
    expectConsistentSummary(samples, summary, { repetitions: 4, warmup: 1, chunk: 16 });
    expect(summary.stats.ttftMs!.median).toBeGreaterThan(0);
    expect(summary.stats.decodeTokS!.median).toBeGreaterThan(0);
    expect(summary.pssPeakBytes).toBeGreaterThan(0);
  }, 60_000);
});
