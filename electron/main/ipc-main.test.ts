import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannelNames, invokeChannels } from '../../shared/contract';
import { onWire, payloads } from '../core/testing-arbitraries';
import { tempCore } from '../core/testing';
import type { electronMock } from './electron-mock';
import { FakeWebContents, type InvokeListener } from './electron-mock';

const electron = vi.hoisted(() => ({
  current: undefined as unknown as ReturnType<typeof electronMock>,
}));
vi.mock('electron', async () => {
  const { electronMock: make } = await import('./electron-mock');
  electron.current = make();
  return electron.current;
});

const { registerInvokeHandlers, sendEvent } = await import('./ipc-main');

const rendererUrl = 'file:///opt/studio/out/renderer/index.html';
const trusted = { senderFrame: { url: `${rendererUrl}#/devices`, parent: null } };

describe('Electron IPC wrappers', () => {
  const core = tempCore();
  let unregister: () => void;
  const listener = (channel: string) => electron.current.handlers.get(channel) as InvokeListener;

  beforeEach(() => {
    unregister?.();
    unregister = registerInvokeHandlers(core.handlers, rendererUrl, core.log);
  });

  it('registers exactly the contract channels', () => {
    expect([...electron.current.handlers.keys()].sort()).toEqual([...invokeChannelNames].sort());
  });

  it('answers a trusted renderer through the contract', async () => {
    expect(await listener('settings:set')(trusted, { key: 'ui.theme', value: 'light' })).toEqual({
      ok: true,
      value: { key: 'ui.theme', value: 'light' },
    });
  });

  it('answers a throwing handler with internal and logs it, instead of never answering', async () => {
    unregister();
    const log = { ...core.log, error: vi.fn() };
    const handlers = {
      ...core.handlers,
      'app:info': async () => {
        throw new Error('boom');
      },
    };
    unregister = registerInvokeHandlers(handlers, rendererUrl, log);
    expect(await listener('app:info')(trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('app:info threw: Error: boom'));
  });

  it.each([
    ['another page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe', { senderFrame: { url: rendererUrl, parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
    ['another file', { senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
  ])('drops messages from %s', async (_name, event) => {
    expect(await listener('settings:get')(event, { key: 'ui.theme' })).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
  });

  it.each(invokeChannelNames)('rejects random payloads to %s as error values', async (channel) => {
    const schema = invokeChannels[channel].args;
    await fc.assert(
      fc.asyncProperty(payloads, async (args) => {
        fc.pre(!schema.safeParse(args).success && !schema.safeParse(onWire(args)).success);
        const answer = (await listener(channel)(trusted, args)) as {
          ok: boolean;
          error?: { code: string };
        };
        return answer.ok === false && answer.error?.code === 'invalid-args';
      }),
      { numRuns: 80 },
    );
  });

  it('sends events only to live windows', () => {
    const live = new FakeWebContents();
    const gone = new FakeWebContents();
    gone.destroyed = true;
    const event = {
      channel: 'settings:onDidChange',
      payload: { key: 'ui.theme', value: 'dark' },
    } as const;
    sendEvent(live as never, event);
    sendEvent(gone as never, event);
    expect(live.sent).toEqual([['settings:onDidChange', { key: 'ui.theme', value: 'dark' }]]);
    expect(gone.sent).toEqual([]);
  });
});
