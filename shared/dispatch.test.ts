import { describe, expect, it, vi } from 'vitest';
import type { InvokeHandlers } from './contract';
import { dispatchInvoke } from './dispatch';
import { StudioEventBus } from './event-bus';
import { createLocalStudio } from './local-studio';

/** Handlers whose `app:info` is a bug: it throws (synchronously or not). */
function throwingHandlers(how: 'async' | 'sync'): InvokeHandlers {
  const boom = () => {
    throw new TypeError('boom');
  };
  const handler = how === 'sync' ? boom : async () => boom();
  return { 'app:info': handler } as unknown as InvokeHandlers;
}

describe('dispatchInvoke and a throwing handler', () => {
  it.each(['async', 'sync'] as const)('answers internal and logs a %s throw', async (how) => {
    const logError = vi.fn();
    const answer = await dispatchInvoke(throwingHandlers(how), 'app:info', {}, logError);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!answer.ok && answer.error.message).not.toContain('boom');
    expect(logError).toHaveBeenCalledOnce();
    expect(logError.mock.calls[0]?.[0]).toMatch(/^app:info threw: TypeError: boom/);
  });

  it('answers internal in the local studio and logs on its bus', async () => {
    const events = new StudioEventBus();
    const logged: string[] = [];
    events.subscribe((event) => {
      if (event.channel === 'app:onDidLog' && event.payload.level === 'error') {
        logged.push(event.payload.message);
      }
    });
    const studio = createLocalStudio(throwingHandlers('async'), events);
    expect(await studio.invoke('app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logged).toEqual([expect.stringContaining('app:info threw: TypeError: boom')]);
  });
});
