import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { adbServerArgs, adbServerAt } from './adb-server';
import { defaultAdbServer, resolveFarm } from './farm-hosts';

const addresses = (farm: ReturnType<typeof resolveFarm>) =>
  farm.ok ? farm.value.map((server) => server.address) : farm.error.message;

describe('farm hosts', () => {
  it('follows adb conventions for the default server', () => {
    expect(defaultAdbServer({})).toEqual({
      ok: true,
      value: { host: '127.0.0.1', port: 5037, address: '127.0.0.1:5037', local: true },
    });
    expect(defaultAdbServer({ ANDROID_ADB_SERVER_PORT: '6000' })).toMatchObject({
      ok: true,
      value: { host: '127.0.0.1', port: 6000 },
    });
    expect(
      defaultAdbServer({ ADB_SERVER_SOCKET: 'tcp:farm:5038', ANDROID_ADB_SERVER_PORT: '6000' }),
    ).toEqual({
      ok: true,
      value: { host: 'farm', port: 5038, address: 'farm:5038', local: false },
    });
  });

  it('refuses an ADB_SERVER_SOCKET or ANDROID_ADB_SERVER_PORT that says no address', () => {
    for (const socket of ['tcp:nohost', 'garbage', 'localfilesystem:/x', 'tcp:[::1]']) {
      const farm = resolveFarm([], { ADB_SERVER_SOCKET: socket });
      expect(farm).toEqual({
        ok: false,
        error: {
          code: 'invalid-args',
          message: `ADB_SERVER_SOCKET="${socket}" is not tcp:HOST:PORT`,
        },
      });
    }
    expect(addresses(resolveFarm([], { ANDROID_ADB_SERVER_PORT: 'x' }))).toBe(
      'ANDROID_ADB_SERVER_PORT="x" is not a port',
    );
  });

  it('uses every --adb given, deduplicated, and rejects bad ones', () => {
    expect(addresses(resolveFarm(['a:1', 'b:2', 'a:1'], {}))).toEqual(['a:1', 'b:2']);
    expect(addresses(resolveFarm([], {}))).toEqual(['127.0.0.1:5037']);
    expect(addresses(resolveFarm(['a:1', 'nope'], {}))).toMatch(/--adb "nope"/);
  });

  it('knows which servers are this machine’s, and gives adb -H only for the others', () => {
    const server = (text: string) => {
      const parsed = adbServerAt(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    };
    expect(adbServerArgs(server('127.0.0.1:5037'))).toEqual(['-P', '5037']);
    expect(adbServerArgs(server('localhost:5038'))).toEqual(['-P', '5038']);
    expect(adbServerArgs(server('[::1]:5039'))).toEqual(['-P', '5039']);
    expect(adbServerArgs(server('10.0.0.2:5037'))).toEqual(['-H', '10.0.0.2', '-P', '5037']);
    expect(adbServerArgs(server('[fe80::1]:5037'))).toEqual(['-H', 'fe80::1', '-P', '5037']);
    expect(server('127.evil.example:5037').local).toBe(false);
  });

  it('takes an IPv6 --adb in brackets, and its host reaches a server on ::1', async () => {
    expect(addresses(resolveFarm(['[::1]:5139', '[0:0::1]:5139'], {}))).toEqual(['[::1]:5139']);
    const server = createServer((socket) => socket.end()).listen(0, '::1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const farm = resolveFarm([`[::1]:${port}`], {});
    if (!farm.ok) throw new Error(farm.error.message);
    const socket = connect(farm.value[0]!.port, farm.value[0]!.host);
    await once(socket, 'connect');
    socket.destroy();
    server.close();
  });
});
