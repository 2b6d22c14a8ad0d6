import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import Adb from '@devicefarmer/adbkit';
import type { Client } from '@devicefarmer/adbkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedPhone } from './emulated-phone';
import { connectPhone, startPhones, stopPhones } from './phone-farm';
import { findPreset } from './phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from './testing-adb';

let server: TestAdbServer;
let phone: EmulatedPhone;
let client: Client;

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones([findPreset('sd8elite')!]))[0]!;
  expect((await connectPhone(targetOf(server), phone!)).ok).toBe(true);
  client = Adb.createClient({ host: '127.0.0.1', port: server.port });
});

afterAll(async () => {
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
});

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('an emulated phone through adbkit', () => {
  it('is listed as a device', async () => {
    const devices = await client.listDevices();
    expect(devices).toContainEqual(expect.objectContaining({ id: phone.address, type: 'device' }));
  });

  it('reports its properties', async () => {
    const properties = await client.getDevice(phone.address).getProperties();
    expect(properties['ro.product.model']).toBe('24129PN74G');
    expect(properties['ro.soc.model']).toBe('SM8750');
    expect(properties['ro.edge_studio.emulated']).toBe('1');
    expect(properties['ro.serialno']).toBe(phone.serial);
  });

  it('pushes with progress and pulls the same bytes back', async () => {
    const device = client.getDevice(phone.address);
    const bytes = randomBytes(8 * 1024 * 1024 + 123);
    const transfer = await device.push(
      Readable.from([bytes], { objectMode: false }),
      '/data/local/tmp/kit.bin',
      0o644,
    );
    let progress = 0;
    await new Promise<void>((resolve, reject) => {
      transfer.on(
        'progress',
        (stats: { bytesTransferred: number }) => (progress = stats.bytesTransferred),
      );
      transfer.on('end', resolve);
      transfer.on('error', reject);
    });
    expect(progress).toBe(bytes.length);
    const stat = await device.stat('/data/local/tmp/kit.bin');
    expect(stat.size).toBe(bytes.length);
    const pulled = await readStream(await device.pull('/data/local/tmp/kit.bin'));
    expect(pulled.equals(bytes)).toBe(true);
    const entries = await device.readdir('/data/local/tmp');
    expect(entries.map((entry: { name: string }) => entry.name)).toContain('kit.bin');
  });

  it('runs shell commands over the legacy protocol', async () => {
    const device = client.getDevice(phone.address);
    const output = await Adb.util.readAll(
      await device.shell('echo hello && getprop ro.board.platform'),
    );
    expect(output.toString()).toBe('hello\nsun\n');
    const missing = await Adb.util.readAll(await device.shell('nope'));
    expect(missing.toString()).toBe('sh: nope: not found\n');
  });

  it('feeds openProcStat from /proc/stat', async () => {
    const procStat = await client.getDevice(phone.address).openProcStat();
    try {
      const loads = await new Promise<Record<string, { user: number; idle: number }>>(
        (resolve, reject) => {
          procStat.once('load', resolve);
          procStat.once('error', reject);
        },
      );
      expect(Object.keys(loads)).toEqual(expect.arrayContaining(['cpu0', 'cpu7']));
      expect(loads.cpu0!.idle).toBeGreaterThan(50);
    } finally {
      procStat.end();
    }
  });
});
