import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedPhone } from './emulated-phone';
import { Command, encodePacket } from './packet-codec';
import { connectPhone, startPhones, stopPhones } from './phone-farm';
import { phonePresets } from './phone-presets';
import { RawAdbClient } from './testing-raw-adb';
import { encodeShellPacket, ShellPacket } from './shell-protocol';
import { startTestAdbServer, targetOf, type TestAdbServer } from './testing-adb';

let server: TestAdbServer;
let phones: EmulatedPhone[];
const work = mkdtempSync(join(tmpdir(), 'edge-studio-faults-'));

beforeAll(async () => {
  server = await startTestAdbServer();
  phones = await startPhones(phonePresets.slice(0, 2));
  for (const phone of phones) expect((await connectPhone(targetOf(server), phone)).ok).toBe(true);
});

afterAll(async () => {
  await stopPhones(targetOf(server), phones);
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

const getprop = (phone: EmulatedPhone) =>
  server.adb(['-s', phone.address, 'shell', 'getprop ro.product.model']);

describe('malformed input and protocol edges', () => {
  it('closes only the connection that sent a malformed packet', async () => {
    const phone = phones[0]!;
    const bystander = await RawAdbClient.open(phone.port);
    const badMagic = encodePacket({
      command: Command.OKAY,
      arg0: 1,
      arg1: 1,
      data: Buffer.alloc(0),
    });
    badMagic.writeUInt32LE(0x12345678, 20);
    const tooLong = encodePacket({
      command: Command.WRTE,
      arg0: 1,
      arg1: 1,
      data: Buffer.alloc(0),
    });
    tooLong.writeUInt32LE(2 * 1024 * 1024, 12);
    const tinyPayload = encodePacket({
      command: Command.CNXN,
      arg0: 0x01000001,
      arg1: 0,
      data: Buffer.from('host::'),
    });
    for (const garbage of [
      tinyPayload,
      badMagic,
      tooLong,
      Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
      randomBytes(4096),
    ]) {
      const { client } = await RawAdbClient.open(phone.port);
      client.socket.write(garbage);
      await client.closed;
    }
    expect((await getprop(phone)).stdout).toBe(`${phone.preset.model}\n`);
    expect((await getprop(phones[1]!)).stdout).toBe(`${phones[1]!.preset.model}\n`);
    const reply = await bystander.client.open(7, 'shell:echo alive');
    expect(reply.command).toBe(Command.OKAY);
    expect((await bystander.client.readToClose(7)).toString()).toBe('alive\n');
    bystander.client.close();
  });

  it('answers CNXN without AUTH, advertising only what it implements', async () => {
    const { client, banner } = await RawAdbClient.open(phones[0]!.port);
    expect(banner).toBe(
      'device::ro.product.name=e3qxxx;ro.product.model=SM-S928B;ro.product.device=e3q;features=shell_v2,fixed_push_mkdir',
    );
    client.close();
  });

  it(
    'refuses unknown services with CLSE and serves many streams on one connection',
    { timeout: 15_000 },
    async () => {
      const { client } = await RawAdbClient.open(phones[0]!.port);
      const refused = await client.open(1, 'reboot:');
      expect([refused.command, refused.arg0, refused.arg1]).toEqual([Command.CLSE, 0, 1]);
      client.send(Command.OPEN, 2, 0, Buffer.from('shell:echo two\0'));
      client.send(Command.OPEN, 3, 0, Buffer.from('shell:echo three\0'));
      const outputs = new Map<number, string[]>([
        [2, []],
        [3, []],
      ]);
      let okays = 0;
      let closed = 0;
      while (closed < 2) {
        const packet = await client.next();
        if (packet.command === Command.CLSE) closed++;
        if (packet.command === Command.OKAY) okays++;
        if (packet.command !== Command.WRTE) continue;
        outputs.get(packet.arg1)!.push(packet.data.toString());
        client.send(Command.OKAY, packet.arg1, packet.arg0);
      }
      expect(okays).toBe(2);
      expect(outputs.get(2)).toEqual(['two\n']);
      expect(outputs.get(3)).toEqual(['three\n']);
      client.close();
    },
  );
  it('runs an interactive shell from stdin packets', { timeout: 15_000 }, async () => {
    const { client } = await RawAdbClient.open(phones[0]!.port);
    const opened = await client.open(9, 'shell,v2,raw:');
    expect(opened.command).toBe(Command.OKAY);
    const stdin = Buffer.concat([
      encodeShellPacket(ShellPacket.stdin, Buffer.from('echo hi\nfalse\n')),
      encodeShellPacket(ShellPacket.closeStdin, Buffer.alloc(0)),
    ]);
    client.send(Command.WRTE, 9, opened.arg0, stdin);
    const output = await client.readToClose(9);
    expect(output).toEqual(
      Buffer.concat([
        encodeShellPacket(ShellPacket.stdout, Buffer.from('hi\n')),
        encodeShellPacket(ShellPacket.exit, Buffer.from([1])),
      ]),
    );
    client.close();
  });
});

describe('link faults', () => {
  it('fails a push cleanly when the link drops mid-transfer, and recovers', async () => {
    const phone = phones[1]!;
    const source = join(work, 'drop.bin');
    writeFileSync(source, randomBytes(32 * 1024 * 1024));
    phone.dropAfter(4 * 1024 * 1024);
    const pushed = await server.adb([
      '-s',
      phone.address,
      'push',
      source,
      '/data/local/tmp/drop.bin',
    ]);
    expect(pushed.code).not.toBe(0);
    expect(`${pushed.stdout}${pushed.stderr}`).toMatch(/error|failed|closed/i);
    phone.dropAfter(0);
    await server.adb(['connect', phone.address]);
    expect((await answerAfterReconnect(phone)).code).toBe(0);
    const listing = await server.adb(['-s', phone.address, 'shell', 'ls /data/local/tmp']);
    expect(listing.stdout).not.toContain('drop.bin');
  });

  it('goes offline and can be reconnected when back online', async () => {
    const phone = phones[0]!;
    await phone.goOffline();
    await server.adb(['-s', phone.address, 'wait-for-disconnect'], { timeout: 30_000 });
    const offline = await getprop(phone);
    expect(offline.code).not.toBe(0);
    await phone.goOnline();
    const connected = await connectPhone(targetOf(server), phone);
    expect(connected.ok).toBe(true);
    expect((await getprop(phone)).stdout).toBe(`${phone.preset.model}\n`);
  });

  it('caps bandwidth', async () => {
    const phone = phones[0]!;
    const source = join(work, 'slow.bin');
    writeFileSync(source, randomBytes(1024 * 1024));
    phone.link.bytesPerSecond = 2 * 1024 * 1024;
    const started = Date.now();
    const pushed = await server.adb([
      '-s',
      phone.address,
      'push',
      source,
      '/data/local/tmp/slow.bin',
    ]);
    phone.link.bytesPerSecond = 0;
    expect(pushed.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('adds latency to what the phone sends', async () => {
    const phone = phones[1]!;
    phone.link.latencyMs = 150;
    const started = Date.now();
    const result = await getprop(phone);
    phone.link.latencyMs = 0;
    expect(result.stdout).toBe(`${phone.preset.model}\n`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('drops the link at a given moment, and adb reconnects by itself', async () => {
    const phone = phones[1]!;
    const { client } = await RawAdbClient.open(phone.port);
    phone.dropAt(50);
    await client.closed;
    expect((await answerAfterReconnect(phone)).stdout).toBe(`${phone.preset.model}\n`);
  });
});

/**
 * getprop once adb has reconnected: adb may still list the dropped transport as a device for a
 * moment, so a failed answer waits for the device again (bounded).
 */
async function answerAfterReconnect(phone: EmulatedPhone) {
  for (let attempt = 0; ; attempt++) {
    await server.adb(['-s', phone.address, 'wait-for-device'], { timeout: 30_000 });
    const result = await getprop(phone);
    if (result.code === 0 || attempt === 20) return result;
  }
}
