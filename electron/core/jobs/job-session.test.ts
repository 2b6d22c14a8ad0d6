import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobSnapshot } from '../../../shared/job';
import { fail, ok } from '../../../shared/result';
import { BoundedLog } from './bounded-log';
import { JobSession, type JobContext, type JobSpec } from './job-session';

const pushed = { remotePath: '/data/local/tmp/x', sha256: 'ab', bytes: 1, skipped: false };

function session(
  work: JobSpec<'device-push'>['work'],
  extra: Partial<JobSpec<'device-push'>> = {},
  options: { stopTimeoutMs?: number; logCapacity?: number } = {},
) {
  const changes: JobSnapshot[] = [];
  const job = new JobSession(
    { kind: 'device-push', subject: 'phone', label: 'push', state: 'pushing', work, ...extra },
    { id: 'j1', onChange: (snapshot) => changes.push(snapshot), ...options },
  );
  return { job, changes };
}

/** Work that runs until its signal aborts, then ends as told. */
const untilAborted =
  (end: () => ReturnType<JobSpec<'device-push'>['work']>) => (context: JobContext) =>
    new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve())).then(
      end,
    );

afterEach(() => {
  vi.useRealTimers();
});

describe('JobSession', () => {
  it('finishes with the result of its work, through its working state', async () => {
    const { job, changes } = session(async () => ok(pushed));
    expect(job.state).toBe('queued');
    expect(job.start().ok).toBe(true);
    const done = await job.done;
    expect(done).toMatchObject({ state: 'finished', result: pushed, error: null });
    expect(changes.map((change) => change.state)).toEqual(['pushing', 'finished']);
  });

  it('refuses a second start', async () => {
    const work = vi.fn(async () => ok(pushed));
    const { job } = session(work);
    expect(job.start().ok).toBe(true);
    expect(job.start()).toMatchObject({ ok: false, error: { code: 'busy' } });
    await job.done;
    expect(job.start().ok).toBe(false);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('ends failed with its coded error', async () => {
    const { job } = session(async () => fail('verify-failed', 'sha256 differs'));
    job.start();
    expect(await job.done).toMatchObject({
      state: 'failed',
      error: { code: 'verify-failed', message: 'sha256 differs' },
    });
  });

  it('turns a throw into failed / internal with the message logged', async () => {
    const { job } = session(async () => {
      throw new Error('boom');
    });
    job.start();
    expect(await job.done).toMatchObject({
      state: 'failed',
      error: { code: 'internal', message: 'boom' },
    });
    expect(job.details().logs.some((line) => line.message.includes('boom'))).toBe(true);
  });

  it('cancels through the signal given to the work', async () => {
    const { job, changes } = session(untilAborted(async () => fail('cancelled', 'stopped')));
    job.start();
    expect(job.cancel()).toBe(true);
    expect(await job.done).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(changes.map((change) => change.state)).toEqual(['pushing', 'stopping', 'cancelled']);
    expect(job.cancel()).toBe(false);
  });

  it('ends cancelled when the work fails after the abort', async () => {
    const { job } = session(untilAborted(async () => fail('device-lost', 'link closed')));
    job.start();
    job.cancel();
    expect((await job.done).state).toBe('cancelled');
  });

  it('cancels a queued job without running it', async () => {
    const work = vi.fn(async () => ok(pushed));
    const { job } = session(work);
    expect(job.cancel()).toBe(true);
    expect((await job.done).state).toBe('cancelled');
    expect(job.start().ok).toBe(false);
    expect(work).not.toHaveBeenCalled();
  });

  it('stop kills the job when its work ignores the signal past the timeout', async () => {
    vi.useFakeTimers();
    const kill = vi.fn();
    const { job } = session(() => new Promise(() => undefined), { kill }, { stopTimeoutMs: 2000 });
    job.start();
    expect(job.stop()).toBe(true);
    expect(job.state).toBe('stopping');
    await vi.advanceTimersByTimeAsync(1999);
    expect(kill).not.toHaveBeenCalled();
    expect(job.state).toBe('stopping');
    await vi.advanceTimersByTimeAsync(1);
    expect(kill).toHaveBeenCalledTimes(1);
    expect(await job.done).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(job.details().logs.at(-1)?.message).toContain('killed');
  });

  it('stop does not kill a job that ends in time', async () => {
    vi.useFakeTimers();
    const kill = vi.fn();
    const { job } = session(
      untilAborted(async () => fail('cancelled', 'stopped')),
      { kill },
    );
    job.start();
    job.stop();
    expect((await job.done).state).toBe('cancelled');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(kill).not.toHaveBeenCalled();
  });

  it('sends progress at most every 100 ms, the latest one last', async () => {
    vi.useFakeTimers();
    let context: JobContext | null = null;
    const { job, changes } = session((given) => ((context = given), new Promise(() => undefined)));
    job.start();
    for (let n = 1; n <= 50; n++) {
      context!.progress(n / 50, `step ${n}`);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(100);
    const progress = changes.filter((change) => change.state === 'pushing').slice(1);
    expect(progress.length).toBeLessThanOrEqual(6);
    expect(progress.at(-1)?.progress).toEqual({ fraction: 1, message: 'step 50' });
    for (const [index, change] of changes.entries()) {
      if (index > 0) expect(change.progress.fraction).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps a bounded log', async () => {
    const { job } = session(
      async (context) => {
        for (let n = 0; n < 1000; n++) context.log('info', `line ${n}`);
        return ok(pushed);
      },
      {},
      { logCapacity: 10 },
    );
    job.start();
    await job.done;
    const { logs, droppedLogs } = job.details();
    expect(logs).toHaveLength(10);
    expect(logs.at(-1)?.message).toBe('line 999');
    expect(droppedLogs).toBe(990);
  });
});

describe('BoundedLog', () => {
  it('keeps the last entries in order', () => {
    const log = new BoundedLog<number>(3);
    for (const n of [1, 2, 3, 4, 5]) log.push(n);
    expect(log.toArray()).toEqual([3, 4, 5]);
    expect(log.dropped).toBe(2);
  });
});
