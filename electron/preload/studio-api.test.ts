import { describe, expect, it, vi } from 'vitest';
import { createPreloadStudio } from './studio-api';

function fakeIpc(answer: unknown) {
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  return {
    listeners,
    invoke: vi.fn(async () => answer),
    on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
      listeners.set(channel, listener);
    }),
    removeListener: vi.fn((channel: string) => listeners.delete(channel)),
  };
}

describe('preload studio API', () => {
  it('invokes contract channels and checks the answer', async () => {
    const ipc = fakeIpc({ ok: true, value: { key: 'ui.theme', value: 'dark' } });
    const studio = createPreloadStudio(ipc as never);
    expect(await studio.invoke('settings:get', { key: 'ui.theme' })).toEqual({
      ok: true,
      value: { key: 'ui.theme', value: 'dark' },
    });
    expect(ipc.invoke).toHaveBeenCalledWith('settings:get', { key: 'ui.theme' });
  });

  it('never forwards channels outside the contract', async () => {
    const ipc = fakeIpc(null);
    const studio = createPreloadStudio(ipc as never);
    expect(await studio.invoke('shell:exec' as never, {} as never)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(ipc.invoke).not.toHaveBeenCalled();
    expect(() => studio.on('ipc:anything' as never, () => undefined)).toThrow(
      /Unknown event channel/,
    );
  });

  it('throws on an off-contract answer (a main-side bug)', async () => {
    const studio = createPreloadStudio(
      fakeIpc({ ok: true, value: { key: 'ui.theme', value: 42 } }) as never,
    );
    await expect(studio.invoke('settings:get', { key: 'ui.theme' })).rejects.toThrow();
  });

  it('delivers only valid event payloads and unsubscribes', () => {
    const ipc = fakeIpc(null);
    const studio = createPreloadStudio(ipc as never);
    const seen: unknown[] = [];
    const off = studio.on('settings:onDidChange', (payload) => seen.push(payload));
    const deliver = ipc.listeners.get('settings:onDidChange');
    deliver?.({}, { key: 'ui.theme', value: 'dark' });
    deliver?.({}, { key: 'ui.theme', value: 'plaid' });
    expect(seen).toEqual([{ key: 'ui.theme', value: 'dark' }]);
    off();
    expect(ipc.listeners.has('settings:onDidChange')).toBe(false);
  });
});
