import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../shared/job';
import { ok } from '../../../shared/result';
import { createLocalStudio } from '../../../shared/local-studio';
import { StudioEventBus } from '../../../shared/event-bus';
import type { InvokeHandlers } from '../../../shared/contract';
import { jobHandlers } from './job-handlers';
import { JobRegistry } from './job-registry';

const pushed = { remotePath: '/data/local/tmp/x', sha256: 'ab', bytes: 1, skipped: false };

function studioOver(registry: JobRegistry, events: StudioEventBus) {
  return createLocalStudio(jobHandlers(registry) as InvokeHandlers, events);
}

describe('JobRegistry and the job:* channels', () => {
  it('shows a job in flight to a subscriber that comes late, and its end to it', async () => {
    const events = new StudioEventBus();
    const registry = new JobRegistry({ onChange: (job) => events.emit('job:onDidChange', job) });
    let finish: () => void = () => undefined;
    const started = registry.start({
      kind: 'device-push',
      subject: 'phone',
      label: 'push',
      state: 'pushing',
      work: async (context) => {
        context.progress(0.25, 'pushing 1 of 4');
        await new Promise<void>((resolve) => (finish = resolve));
        return ok(pushed);
      },
    });
    if (!started.ok) throw new Error('not started');
    // A window that opens now: it lists, then follows the changes.
    const studio = studioOver(registry, events);
    const listed = await studio.invoke('job:list', {});
    expect(listed.ok && listed.value.jobs).toMatchObject([
      { id: started.value.id, state: 'pushing', progress: { fraction: 0.25 } },
    ]);
    const seen: JobSnapshot[] = [];
    studio.on('job:onDidChange', (job) => seen.push(job));
    finish();
    await started.value.done;
    expect(seen.at(-1)).toMatchObject({ state: 'finished', result: pushed });
    const got = await studio.invoke('job:get', { jobId: started.value.id });
    expect(got.ok && got.value.job.state).toBe('finished');
    expect(await studio.invoke('job:get', { jobId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('cancels by id, and a closed registry stops its jobs and starts no more', async () => {
    const events = new StudioEventBus();
    const registry = new JobRegistry({ onChange: (job) => events.emit('job:onDidChange', job) });
    const studio = studioOver(registry, events);
    const spec = {
      kind: 'device-push' as const,
      subject: 'phone',
      label: 'push',
      state: 'pushing' as const,
      work: (context: { signal: AbortSignal }) =>
        new Promise<ReturnType<typeof ok<typeof pushed>>>((resolve) =>
          context.signal.addEventListener('abort', () => resolve(ok(pushed))),
        ),
    };
    const first = registry.start(spec);
    const second = registry.start(spec);
    if (!first.ok || !second.ok) throw new Error('not started');
    expect(await studio.invoke('job:cancel', { jobId: first.value.id })).toEqual(
      ok({ cancelled: true }),
    );
    await first.value.done;
    await registry.close();
    expect(second.value.state).not.toBe('pushing');
    expect(registry.start(spec)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await studio.invoke('job:cancel', { jobId: first.value.id })).toEqual(
      ok({ cancelled: false }),
    );
  });
});
