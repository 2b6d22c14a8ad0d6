import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../../shared/profile';
import { startRunFarm, type RunFarm } from '../runs/testing-run-farm';

// Two of four emulated phones lost during a sweep: one while a run pushes to it (its link capped
// so the push is slow, then the phone goes offline), one while a run times on it. The sweep still
// ends, the lost runs run elsewhere or say why, and no finished result is lost.
const profile: ProfileInput = {
  version: 1,
  name: 'reliability',
  model: 'builtin:edge-infinite-tiny',
  accuracyPrompts: 0,
  grid: { chunk: [32], sink: [4], window: [64], memory: ['on', 'off'], quant: ['float'] },
  warmup: 0,
  repetitions: 2,
  gate: { timeoutMs: 5000 },
  devices: { emulated: true },
  retries: 2,
};
let farm: RunFarm;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3', 'sd8gen3', 'tensorg3', 'tensorg3']);
}, 120_000);

afterAll(async () => {
  await farm.stop();
});

describe('a sweep losing phones mid-push and mid-run', () => {
  it('finishes with every point finished elsewhere or failed with its reason', async () => {
    const [pushVictim, runVictim] = [farm.phones[0]!, farm.phones[1]!];
    const [pushKey, runKey] = [farm.keyOf(0), farm.keyOf(1)];
    pushVictim.link.bytesPerSecond = 256 * 1024;
    const phoneOf = new Map<string, string>();
    const lost: string[] = [];
    const finishedRuns = new Set<string>();
    farm.studio.on('sweep:onDidProgress', ({ point }) => {
      for (const runId of point?.runIds ?? []) phoneOf.set(runId, point!.deviceKey);
    });
    farm.studio.on('run:onDidChangeState', ({ runId, state }) => {
      const phone = phoneOf.get(runId);
      if (state === 'finished') finishedRuns.add(runId);
      const victim =
        phone === pushKey && state === 'pushing' && !lost.includes(pushKey)
          ? pushVictim
          : phone === runKey && state === 'running' && !lost.includes(runKey)
            ? runVictim
            : null;
      if (!victim) return;
      lost.push(phone!);
      // Mid-run: let the runner start timing first.
      setTimeout(() => void victim.goOffline(), victim === runVictim ? 300 : 0);
    });
    const started = await farm.studio.invoke('sweep:start', { profile });
    if (!started.ok) throw new Error(started.error.message);
    const details = await sweepEndedWithin(farm, started.value.sweepId, 150_000);
    expect(lost.sort()).toEqual([pushKey, runKey].sort());
    expect(details.sweep.state).toBe('finished');
    const { planned, done, failed } = details.sweep.counts;
    expect(planned).toBe(8);
    expect(done + failed).toBe(planned);
    for (const point of details.points.filter((each) => each.status === 'failed')) {
      expect(point.reason).toBeTruthy();
    }
    // Lost runs ran again on a phone still there.
    const moved = details.points.filter((point) => point.deviceKey !== point.plannedDevice);
    expect(moved.length).toBeGreaterThan(0);
    for (const point of moved) expect([pushKey, runKey]).not.toContain(point.deviceKey);
    // Every run that finished is still its point's result.
    const kept = new Set(details.points.flatMap((point) => point.runIds));
    for (const runId of finishedRuns) expect(kept.has(runId)).toBe(true);
    for (const point of details.points.filter((each) => each.status === 'finished')) {
      const run = await farm.studio.invoke('run:get', { runId: point.runIds.at(-1)! });
      expect(run.ok && run.value.state).toBe('finished');
    }
  }, 180_000);
});

async function sweepEndedWithin(farm: RunFarm, sweepId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await farm.studio.invoke('sweep:get', { sweepId });
    if (!got.ok) throw new Error(got.error.message);
    if (['finished', 'failed', 'cancelled'].includes(got.value.sweep.state)) return got.value;
    if (Date.now() > deadline) throw new Error(`sweep ${sweepId} did not end in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
