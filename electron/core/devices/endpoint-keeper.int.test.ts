import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FarmEndpointStatus } from '../../../shared/contract';
import { StudioEventBus } from '../../../shared/event-bus';
import type { EmulatedPhone } from '../../emulator/emulated-phone';
import { freePort } from '../../emulator/free-port';
import type { PhonePreset } from '../../emulator/phone-presets';
import { choosePresets, startPhones, stopPhones } from '../../emulator/phone-farm';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../emulator/testing-adb';
import { DeviceService } from './device-service';

let server: TestAdbServer;
let phones: EmulatedPhone[];
let service: DeviceService;
let statuses: FarmEndpointStatus[] = [];
const seen: string[] = [];

/** What adb itself lists on the test server, transport → state. */
async function adbDevices(): Promise<Map<string, string>> {
  const { stdout } = await server.adb(['devices']);
  const rows = stdout
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/));
  return new Map(rows.filter((row) => row.length === 2).map(([id, state]) => [id!, state!]));
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(JSON.stringify(statuses));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const statusOf = (address: string) => statuses.find((s) => s.address === address)?.status;
const listedDevice = async (address: string) => (await adbDevices()).get(address) === 'device';

beforeAll(async () => {
  server = await startTestAdbServer();
  // Started but never connected: the keeper is what attaches them.
  phones = await startPhones((choosePresets(2, []) as { value: PhonePreset[] }).value);
  const bus = new StudioEventBus();
  bus.subscribe((event) => {
    if (event.channel !== 'farm:onDidChangeEndpoints') return;
    statuses = event.payload.endpoints;
    for (const s of statuses) seen.push(`${s.address} ${s.status}`);
  });
  service = new DeviceService(bus, [`127.0.0.1:${server.port}`]);
});

afterAll(async () => {
  service.stop();
  await stopPhones(targetOf(server), phones);
  await server.stop();
});

describe('adb connect endpoints kept in the farm', () => {
  it('attaches saved endpoints to the local adb server and lists their phones', async () => {
    service.setEndpoints(phones.map((phone) => phone.address));
    const farm = await service.farm();
    await until(() => phones.every((phone) => statusOf(phone.address) === 'connected'));
    await until(() =>
      phones.every((phone) =>
        farm.snapshot().devices.some((d) => d.serialno === phone.serial && d.state === 'device'),
      ),
    );
    expect(
      farm
        .snapshot()
        .devices.map((d) => d.transport)
        .sort(),
    ).toEqual(phones.map((phone) => phone.address).sort());
  });

  it('reconnects an endpoint adb forgot (a teammate ran adb disconnect)', async () => {
    const address = phones[0]!.address;
    await server.adb(['disconnect', address]);
    // No check that adb dropped it here: the keeper may already have put it back. The
    // `reconnecting` status below is the evidence it noticed.
    await until(() => listedDevice(address));
    await until(() => statusOf(address) === 'connected');
    expect(seen).toContain(`${address} reconnecting`);
  });

  it('brings back a phone whose listener went away and came back', async () => {
    const address = phones[1]!.address;
    await phones[1]!.goOffline();
    await until(async () => !(await listedDevice(address)));
    await until(() => statusOf(address) !== 'connected');
    await phones[1]!.goOnline();
    await until(() => listedDevice(address), 30_000);
    await until(() => statusOf(address) === 'connected');
  });

  it('says what adb answered for an endpoint nothing listens on, and keeps trying', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    service.setEndpoints([...phones.map((phone) => phone.address), dead]);
    await until(() => statusOf(dead) === 'refused');
    const message = statuses.find((s) => s.address === dead)!.message!;
    expect(message).toMatch(/failed to connect|refused/i);
    expect(message).toMatch(/retrying in/);
  });

  it('disconnects an endpoint once it is removed', async () => {
    const [kept, removed] = phones.map((phone) => phone.address) as [string, string];
    service.setEndpoints([kept]);
    await until(async () => !(await adbDevices()).has(removed));
    expect(service.endpoints().map((s) => s.address)).toEqual([kept]);
    // Not reconnected behind the user's back either.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await adbDevices()).has(removed)).toBe(false);
    expect(await listedDevice(kept)).toBe(true);
  });
});
