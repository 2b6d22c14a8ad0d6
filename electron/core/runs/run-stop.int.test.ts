import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, startRunFarm, type RunFarm } from './testing-run-farm';
import {
  isEvent,
  runnersOnPhone,
  smallRun,
  streamedOf,
  studioLog,
  waitForSample,
} from './testing-run-waits';

// `run:stop` mid-run, through the studio core, on an emulated phone running the real runner.
let farm: RunFarm;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
}, 120_000);

afterAll(async () => {
  await farm.stop();
});

describe('a run stopped mid-run', () => {
  it('ends cancelled, leaves no runner on the phone, keeps its samples', async () => {
    const run = await startRun(farm, { ...smallRun, device: farm.keyOf(0), repetitions: 500 });
    await waitForSample(run, isEvent('first_token'));
    expect(await runnersOnPhone(farm.phones[0]!)).toHaveLength(1);
    const stopped = await farm.studio.invoke('run:stop', { runId: run.runId });
    expect(stopped).toEqual({ ok: true, value: { stopped: true } });
    const record = await run.ended;
    expect(record.state).toBe('cancelled');
    expect(record.error?.code).toBe('cancelled');
    expect(await runnersOnPhone(farm.phones[0]!)).toEqual([]);
    expect(farm.phones[0]!.processes.children()).toEqual([]);
    // Everything streamed up to the stop is in the store, the first token among it.
    const stored = await farm.studio.invoke('run:samples', { runId: run.runId, limit: 50_000 });
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value.samples).toEqual(streamedOf(run));
    expect(stored.value.samples.some(isEvent('first_token'))).toBe(true);
    expect(stored.value.samples.some(isEvent('done'))).toBe(false);
    expect(record.samples).toBe(stored.value.samples.length);
    const log = await studioLog(farm, run.runId);
    expect(log).toContain('no runner process is left on the phone');
    expect(log.some((line) => /^runner \d+ (terminated|killed|gone)$/.test(line))).toBe(true);
    // The job ended: another stop finds nothing live.
    expect(await farm.studio.invoke('run:stop', { runId: run.runId })).toEqual({
      ok: true,
      value: { stopped: false },
    });
  }, 120_000);

  it('ends cancelled at once when stopped while waiting for the phone to cool', async () => {
    const phone = farm.phones[0]!;
    phone.setThermalStatus(3);
    try {
      const gate = { maxStatus: 'light' as const, timeoutMs: 60_000 };
      const run = await startRun(farm, {
        ...smallRun,
        device: farm.keyOf(0),
        repetitions: 3,
        gate,
      });
      await waitForSample(
        run,
        (sample) =>
          sample.kind === 'log' && sample.line.startsWith('waiting for the phone to cool'),
      );
      const stoppedAt = Date.now();
      expect(await farm.studio.invoke('run:stop', { runId: run.runId })).toMatchObject({
        ok: true,
      });
      const record = await run.ended;
      expect(record.state).toBe('cancelled');
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      // The runner was never launched.
      expect(streamedOf(run).some((sample) => sample.kind === 'runner')).toBe(false);
      expect(await runnersOnPhone(phone)).toEqual([]);
    } finally {
      phone.setThermalStatus(null);
    }
  }, 120_000);
});
