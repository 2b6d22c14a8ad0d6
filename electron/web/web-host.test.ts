import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempCore } from '../core/testing';
import { BridgeTestClient, started } from './bridge-test-client';
import { startWebHost, type WebHost } from './web-host';

describe('web host', () => {
  const core = tempCore();
  let host: WebHost;
  const url = (path: string) => `http://127.0.0.1:${host.port}${path}`;

  beforeAll(async () => {
    const rendererDir = join(core.dataDir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Edge Studio</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    host = started(await startWebHost({ host: '127.0.0.1', port: 0, rendererDir }, core));
  });
  afterAll(async () => {
    await host.close();
    core.dispose();
  });

  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(43);
  });

  it.each(['/', '/index.html', '/assets/app.js', '/bridge', '/nope'])(
    'refuses %s without the token',
    async (path) => {
      expect((await fetch(url(path))).status).toBe(401);
      expect((await fetch(url(`${path}?token=wrong`))).status).toBe(401);
    },
  );

  it('serves with the token, sets the cookie, then accepts the cookie alone', async () => {
    const first = await fetch(host.url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toContain(host.token);
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const asset = await fetch(url('/assets/app.js'), { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('refuses the socket without the token, with a wrong one, or from another origin', async () => {
    await expect(BridgeTestClient.connect(host.port, null)).rejects.toThrow('HTTP 401');
    await expect(BridgeTestClient.connect(host.port, 'x'.repeat(43))).rejects.toThrow('HTTP 401');
    await expect(
      BridgeTestClient.connect(host.port, host.token, { Origin: 'http://evil.example' }),
    ).rejects.toThrow('HTTP 401');
  });

  it('answers invokes from the main side and forwards events', async () => {
    const client = await BridgeTestClient.connect(host.port, host.token);
    const info = await client.invoke(1, 'app:info', {});
    expect(info).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { host: 'web' } },
    });
    await client.invoke(2, 'settings:set', { key: 'ui.theme', value: 'dark' });
    const event = await client.waitFor(
      (frame) => frame.type === 'event' && frame.channel === 'settings:onDidChange',
    );
    expect(event).toEqual({
      type: 'event',
      channel: 'settings:onDidChange',
      payload: { key: 'ui.theme', value: 'dark' },
    });
    client.close();
  });

  it('answers bad frames with errors and stays up', async () => {
    const client = await BridgeTestClient.connect(host.port, host.token);
    client.send(Buffer.from([0, 1, 2]));
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({
      error: { code: 'invalid-frame' },
    });
    client.send('{not json');
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({
      id: null,
      error: { code: 'invalid-frame' },
    });
    client.send(JSON.stringify({ type: 'invoke', id: 7, channel: 5 }));
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({
      id: 7,
      error: { code: 'invalid-frame' },
    });
    expect(await client.invoke(8, 'app:shutdown', {})).toMatchObject({
      result: { ok: false, error: { code: 'unknown-channel' } },
    });
    expect(await client.invoke(9, 'settings:get', { key: 'nope' })).toMatchObject({
      result: { ok: false, error: { code: 'invalid-args' } },
    });
    expect(await client.invoke(10, 'settings:get', { key: 'ui.theme' })).toMatchObject({
      result: { ok: true },
    });
    client.close();
  });

  it('answers a throwing handler with internal and logs it', async () => {
    const log = { ...core.log, error: vi.fn() };
    const handlers = {
      ...core.handlers,
      'app:info': async () => {
        throw new Error('boom');
      },
    };
    const rendererDir = join(core.dataDir, 'renderer');
    const buggy = started(
      await startWebHost({ host: '127.0.0.1', port: 0, rendererDir }, { ...core, handlers, log }),
    );
    const client = await BridgeTestClient.connect(buggy.port, buggy.token);
    expect(await client.invoke(1, 'app:info', {})).toMatchObject({
      type: 'result',
      result: { ok: false, error: { code: 'internal' } },
    });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('app:info threw: Error: boom'));
    expect(client.isOpen).toBe(true);
    client.close();
    await buggy.close();
  });

  it('gives a failed result for an address it cannot listen on or an unbuilt renderer', async () => {
    const rendererDir = join(core.dataDir, 'renderer');
    const unresolved = await startWebHost(
      { host: 'no-such-host.invalid', port: 0, rendererDir },
      core,
    );
    expect(unresolved).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    const inUse = await startWebHost({ host: '127.0.0.1', port: host.port, rendererDir }, core);
    expect(!inUse.ok && inUse.error.message).toContain('EADDRINUSE');
    const unbuilt = join(core.dataDir, 'no-renderer');
    const missing = await startWebHost({ host: '127.0.0.1', port: 0, rendererDir: unbuilt }, core);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-installed' } });
  });
});
