import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseHostPort } from '../../../shared/host-port';
import { defaultAdbServer, resolveFarm } from './farm-hosts';

describe('farm hosts', () => {
  it('follows adb conventions for the default server', () => {
    expect(defaultAdbServer({})).toEqual({ ok: true, value: { host: '127.0.0.1', port: 5037 } });
    expect(defaultAdbServer({ ANDROID_ADB_SERVER_PORT: '6000' })).toEqual({
      ok: true,
      value: { host: '127.0.0.1', port: 6000 },
    });
    expect(
      defaultAdbServer({ ADB_SERVER_SOCKET: 'tcp:farm:5038', ANDROID_ADB_SERVER_PORT: '6000' }),
    ).toEqual({
      ok: true,
      value: { host: 'farm', port: 5038 },
    });
    expect(defaultAdbServer({ ADB_SERVER_SOCKET: 'localfilesystem:/x' }).ok).toBe(false);
  });

  it('uses every --adb given, deduplicated, and rejects bad ones', () => {
    expect(resolveFarm(['a:1', 'b:2', 'a:1'], {})).toEqual({ ok: true, value: ['a:1', 'b:2'] });
    expect(resolveFarm([], {})).toEqual({ ok: true, value: ['127.0.0.1:5037'] });
    const bad = resolveFarm(['a:1', 'nope'], {});
    expect(!bad.ok && bad.error.message).toMatch(/--adb "nope"/);
  });

  it('takes an IPv6 --adb in brackets, and its host reaches a server on ::1', async () => {
    expect(resolveFarm(['[::1]:5139', '[0:0::1]:5139'], {})).toEqual({
      ok: true,
      value: ['[::1]:5139'],
    });
    const server = createServer((socket) => socket.end()).listen(0, '::1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const farm = resolveFarm([`[::1]:${port}`], {});
    const address = parseHostPort(farm.ok ? farm.value[0]! : '');
    if (!address.ok) throw new Error(address.error.message);
    const socket = connect(address.value.port, address.value.host);
    await once(socket, 'connect');
    socket.destroy();
    server.close();
  });
});
