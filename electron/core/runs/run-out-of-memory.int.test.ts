import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, startRunFarm, type RunFarm } from './testing-run-farm';
import { runnersOnPhone, smallRun } from './testing-run-waits';

// A phone whose memory budget is below what the runner needs: its low-memory killer takes the
// runner, and the run says so with the resident set it reached.
let farm: RunFarm;
const budgetMb = 40;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
  farm.phones[0]!.memoryBudgetMb = budgetMb;
}, 120_000);

afterAll(async () => {
  await farm.stop();
});

describe('a run over the phone memory budget', () => {
  it('fails out-of-memory, naming the RSS the runner reached', async () => {
    const run = await startRun(farm, { ...smallRun, device: farm.keyOf(0), repetitions: 20 });
    const record = await run.ended;
    expect(record.state).toBe('failed');
    expect(record.error?.code).toBe('out-of-memory');
    const rss = /killed the runner at (\d+) MiB RSS/.exec(record.error!.message);
    expect(rss).not.toBeNull();
    expect(Number(rss![1])).toBeGreaterThan(budgetMb);
    // The kill line is in the run's log, and nothing of the runner is left.
    const stored = await farm.studio.invoke('run:samples', { runId: run.runId, limit: 50_000 });
    if (!stored.ok) throw new Error(stored.error.message);
    const logcat = stored.value.samples.flatMap((sample) =>
      sample.kind === 'log' && sample.source === 'logcat' ? [sample.line] : [],
    );
    expect(logcat.some((line) => line.includes('lowmemorykiller: Kill'))).toBe(true);
    expect(await runnersOnPhone(farm.phones[0]!)).toEqual([]);
  }, 120_000);
});
