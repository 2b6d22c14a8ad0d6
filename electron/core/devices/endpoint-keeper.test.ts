import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceState } from '../../../shared/device';
import { fail, ok } from '../../../shared/result';
import { EndpointKeeper, type EndpointLink } from './endpoint-keeper';
import { endpointServer, listedOn } from './endpoint-server';

const timings = { tickMs: 100, firstRetryMs: 1000, maxRetryMs: 4000 };

function fakeLink(answer: (address: string) => string) {
  const calls: string[] = [];
  const link: EndpointLink = {
    connect: async (address) => (calls.push(`connect ${address}`), ok(answer(address))),
    disconnect: async (address) => (calls.push(`disconnect ${address}`), ok('disconnected')),
  };
  return { link, calls };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => void vi.useRealTimers());

describe('EndpointKeeper', () => {
  it('retries a refused endpoint with doubling backoff, capped, and says what adb said', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { link, calls } = fakeLink((a) => `failed to connect to '${a}': Connection refused`);
    const keeper = new EndpointKeeper(
      link,
      () => new Map(),
      () => undefined,
      timings,
    );
    keeper.start();
    keeper.setEndpoints(['10.0.0.9:5555']);
    await flush();
    expect(keeper.statuses()[0]).toMatchObject({ status: 'refused' });
    expect(keeper.statuses()[0]!.message).toContain('Connection refused; retrying in 1 s');
    const attemptsAt: number[] = [];
    const started = Date.now();
    for (let ms = 0; ms < 16_000; ms += 100) {
      const before = calls.length;
      vi.advanceTimersByTime(100);
      await flush();
      if (calls.length > before) attemptsAt.push(Date.now() - started);
    }
    // 1 s, then 2 s, then 4 s (the cap), 4 s…
    const gaps = attemptsAt.map((at, i) => at - (attemptsAt[i - 1] ?? 0));
    expect(gaps.slice(0, 5).map((gap) => Math.round(gap / 100) * 100)).toEqual([
      1000, 2000, 4000, 4000, 4000,
    ]);
    keeper.stop();
  });

  it('drops a stale offline transport before dialling again, and resets backoff once listed', async () => {
    const listed = new Map<string, DeviceState>([['10.0.0.9:5555', 'offline']]);
    const { link, calls } = fakeLink((a) => `connected to ${a}`);
    const keeper = new EndpointKeeper(
      link,
      () => listed,
      () => undefined,
      timings,
    );
    keeper.setEndpoints(['10.0.0.9:5555']);
    await flush();
    expect(calls).toEqual(['disconnect 10.0.0.9:5555', 'connect 10.0.0.9:5555']);
    listed.set('10.0.0.9:5555', 'device');
    keeper.check();
    expect(keeper.statuses()[0]).toEqual({
      address: '10.0.0.9:5555',
      status: 'connected',
      message: null,
    });
  });

  it('leaves an unauthorized phone alone and says how to authorise it', async () => {
    const listed = new Map<string, DeviceState>([['10.0.0.9:5555', 'unauthorized']]);
    const { link, calls } = fakeLink(() => 'connected');
    const keeper = new EndpointKeeper(
      link,
      () => listed,
      () => undefined,
      timings,
    );
    keeper.setEndpoints(['10.0.0.9:5555']);
    await flush();
    expect(calls).toEqual([]);
    expect(keeper.statuses()[0]!.message).toMatch(/unauthorized.*Settings → Keys/);
  });

  it('refuses every endpoint when there is no local adb server, without calling adb', async () => {
    const keeper = new EndpointKeeper(
      { refused: 'no local adb server' },
      () => new Map(),
      () => {
        throw new Error('not called with a changed list? it must be');
      },
    );
    expect(() => keeper.setEndpoints(['10.0.0.9:5555'])).toThrow();
    expect(keeper.statuses()[0]).toMatchObject({
      status: 'refused',
      message: 'no local adb server',
    });
  });

  it('a failed adb run is a refusal with its message', async () => {
    const link: EndpointLink = {
      connect: async () => fail('command-failed', 'adb: cannot start server'),
      disconnect: async () => ok(''),
    };
    const keeper = new EndpointKeeper(
      link,
      () => new Map(),
      () => undefined,
      timings,
    );
    keeper.setEndpoints(['[::1]:5555']);
    await flush();
    expect(keeper.statuses()[0]!.message).toMatch(/^adb: cannot start server; retrying/);
  });
});

describe('the endpoints server', () => {
  it('is the first local adb server of the farm', () => {
    expect(endpointServer(['10.0.0.2:5037', '[::1]:5038', '127.0.0.1:5037'])?.address).toBe(
      '[::1]:5038',
    );
    expect(endpointServer(['10.0.0.2:5037'])).toBeNull();
  });

  it('lists the transports of that server only, once it is up', () => {
    const device = { host: 'a:1', transport: 't1', state: 'device' } as const;
    const other = { host: 'b:1', transport: 't2', state: 'offline' } as const;
    const hosts = [{ address: 'a:1', status: 'up', message: null }];
    const snapshot = { hosts, devices: [device, other] } as never;
    expect([...listedOn(snapshot, 'a:1')!]).toEqual([['t1', 'device']]);
    // Not up yet: no listing to compare with, rather than "nothing listed".
    const starting = { hosts: [{ ...hosts[0], status: 'connecting' }], devices: [] } as never;
    expect(listedOn(starting, 'a:1')).toBeNull();
  });
});
