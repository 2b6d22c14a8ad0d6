import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStudio } from '../../../shared/local-studio';
import type { RunRecord } from '../../../shared/run';
import { startRun, startRunFarm, type RunFarm } from '../runs/testing-run-farm';
import { createStudioCore, type StudioCore } from '../studio-core';
import { tempDataDir } from '../testing';
import { adbServerAt } from './adb-server';

// Two studios (two data dirs, so two stores and no shared memory) on one adb server: only the
// lease on the phone itself can keep them from running two jobs on it at once.
let farm: RunFarm;
let other: StudioCore;
let otherData: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
  otherData = tempDataDir();
  const server = adbServerAt(`127.0.0.1:${farm.server.port}`);
  if (!server.ok) throw new Error(server.error.message);
  other = createStudioCore({ host: 'cli', dataDir: otherData.dir, farm: [server.value] });
}, 120_000);

afterAll(async () => {
  other.close();
  otherData.cleanup();
  await farm.stop();
});

describe('two studios sharing one farm', () => {
  it('starting a run on the same phone at once: one runs, the other is refused as busy', async () => {
    const studio = createLocalStudio(other.handlers, other.events);
    const key = farm.keyOf(0);
    await expect
      .poll(async () => {
        const listed = await studio.invoke('device:list', {});
        return listed.ok && listed.value.devices.some((d) => d.key === key && d.state === 'device');
      })
      .toBe(true);
    const request = {
      device: key,
      model: 'builtin:edge-infinite-tiny',
      scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
      quant: 'int8-channel',
      repetitions: 8,
      warmup: 0,
    } as const;
    // Both build the graphs (each its own store) before taking the lease; the winner's push and
    // 8 repetitions outlast any skew between the two builds, so the loser always meets its lease.
    const runs = await Promise.all([
      startRun(farm, request),
      startRun({ ...farm, core: other, studio }, request),
    ]);
    const records: RunRecord[] = await Promise.all(runs.map((run) => run.ended));
    const states = records.map((record) => record.state).sort();
    expect(states).toEqual(['failed', 'finished']);
    const refused = records.find((record) => record.state === 'failed')!;
    expect(refused.error?.code).toBe('busy');
    // Met while the other holds it, or mid-take (its holder file not written yet).
    expect(refused.error?.message).toMatch(
      /the phone is leased by (edge-studio run|another studio)/,
    );
    const ran = records.find((record) => record.state === 'finished')!;
    expect(ran.summary?.repetitions.measured).toBe(8);
    // Each studio's store holds only its own run.
    const mine = await farm.studio.invoke('run:list', {});
    const theirs = await studio.invoke('run:list', {});
    expect(mine.ok && mine.value.runs.map((run) => run.id)).toEqual([runs[0]!.runId]);
    expect(theirs.ok && theirs.value.runs.map((run) => run.id)).toEqual([runs[1]!.runId]);
  }, 240_000);
});
