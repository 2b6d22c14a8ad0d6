import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bridgePath } from '../../shared/bridge-protocol';
import { tempCore } from '../core/testing';
import { BridgeTestClient, started } from './bridge-test-client';
import { startWebHost, type WebHost } from './web-host';

/** An upgrade request for the bridge, as bytes on the wire. */
function upgradeRequest(host: string, query = ''): string {
  return [
    `GET ${bridgePath}${query} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

async function rawSocket(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** The status code of a GET sent with exactly these headers (fetch cannot set `Host`). */
function statusOf(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

describe('web host under hostile clients', () => {
  const core = tempCore();
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  let host: WebHost;
  let id = 0;

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    const rendererDir = join(core.dataDir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    host = started(await startWebHost({ host: '127.0.0.1', port: 0, rendererDir }, core));
  });
  afterAll(async () => {
    await host.close();
    core.dispose();
    process.off('uncaughtException', onUncaught);
  });
  // After every attack the host still answers a fresh authorised window.
  afterEach(async () => {
    const client = await BridgeTestClient.connect(host.port, host.token);
    expect(await client.invoke(++id, 'app:info', {})).toMatchObject({ result: { ok: true } });
    client.close();
    expect(uncaught.splice(0)).toEqual([]);
  });

  it('survives clients that reset the connection before or after a 401, or once accepted', async () => {
    for (let round = 0; round < 20; round++) {
      const after = await rawSocket(host.port);
      after.write(upgradeRequest(`127.0.0.1:${host.port}`));
      const [reply] = (await once(after, 'data')) as [Buffer];
      expect(String(reply)).toMatch(/^HTTP\/1\.1 401/);
      after.resetAndDestroy();
      const before = await rawSocket(host.port);
      before.write(upgradeRequest(`127.0.0.1:${host.port}`));
      before.resetAndDestroy();
      const plain = await rawSocket(host.port);
      plain.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
      plain.resetAndDestroy();
      const accepted = await rawSocket(host.port);
      accepted.write(upgradeRequest(`127.0.0.1:${host.port}`, `?token=${host.token}`));
      const [switched] = (await once(accepted, 'data')) as [Buffer];
      expect(String(switched)).toMatch(/^HTTP\/1\.1 101/);
      accepted.resetAndDestroy();
      const garbage = await rawSocket(host.port);
      garbage.write(randomBytes(512));
      garbage.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  it('closes a socket that sends invalid UTF-8 with 1007', async () => {
    const client = await BridgeTestClient.connect(host.port, host.token);
    client.sendText(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(await client.closed).toBe(1007);
  });

  it('closes a socket that sends a 50 MB frame with 1009', async () => {
    const client = await BridgeTestClient.connect(host.port, host.token);
    client.send(Buffer.alloc(50 * 1024 * 1024, 0x20).toString());
    expect(await client.closed).toBe(1009);
  });

  it('refuses a Host that is not the loopback address it is bound to (DNS rebinding)', async () => {
    const port = host.port;
    const token = `?token=${host.token}`;
    for (const name of ['evil.example', '127.evil.example', 'localhost.evil.example', '[::2]']) {
      expect(await statusOf(port, `/${token}`, { Host: `${name}:${port}` })).toBe(421);
      await expect(
        BridgeTestClient.connect(port, host.token, { Host: `${name}:${port}` }),
      ).rejects.toThrow('HTTP 421');
    }
    expect(await statusOf(port, `/${token}`, { Host: `127.0.0.1:${port + 1}` })).toBe(421);
    expect(await statusOf(port, `/${token}`, { Host: `127.0.0.1:${port}` })).toBe(200);
    expect(await statusOf(port, `/${token}`, { Host: `LocalHost:${port}` })).toBe(200);
    const client = await BridgeTestClient.connect(port, host.token, { Host: `localhost:${port}` });
    client.close();
  });

  it('answers 1 000 garbage frames with error frames and keeps the socket open', async () => {
    const client = await BridgeTestClient.connect(host.port, host.token);
    const garbage = [
      () => randomBytes(1 + Math.floor(Math.random() * 256)),
      () => `{${randomBytes(32).toString('base64')}`,
      () => JSON.stringify({ type: 'invoke', id: -1, channel: 'app:info', args: {} }),
      () => JSON.stringify({ type: 'invoke', id: 1.5, channel: 7 }),
      () => JSON.stringify([null, { type: 'event' }]),
      () => JSON.stringify({ type: 'invoke', id: 3, channel: 'x'.repeat(500), args: {} }),
    ];
    for (let sent = 0; sent < 1000; sent++) client.send(garbage[sent % garbage.length]!());
    for (let answered = 0; answered < 1000; answered++) {
      await client.waitFor((frame) => frame.type === 'error');
    }
    expect(client.isOpen).toBe(true);
    client.close();
  });
});
