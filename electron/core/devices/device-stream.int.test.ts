import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import type { FarmSnapshot } from '../../../shared/device';
import { StudioEventBus } from '../../../shared/event-bus';
import type { EmulatedPhone } from '../../emulator/emulated-phone';
import type { PhonePreset } from '../../emulator/phone-presets';
import { choosePresets, connectPhone, startPhones, stopPhones } from '../../emulator/phone-farm';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../emulator/testing-adb';
import { DeviceService } from './device-service';

let server: TestAdbServer;
let phone: EmulatedPhone;
let service: DeviceService;
const batches: EventPayload<'device:onDidChange'>[] = [];
const recorded: FarmSnapshot[] = [];

const latest = () => batches.at(-1)?.items.at(-1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: (snapshot: FarmSnapshot | undefined) => boolean): Promise<void> {
  const started = Date.now();
  while (!check(latest())) {
    if (Date.now() - started > 15_000) throw new Error(JSON.stringify(latest()));
    await sleep(20);
  }
}

beforeAll(async () => {
  server = await startTestAdbServer();
  phone = (await startPhones((choosePresets(1, []) as { value: PhonePreset[] }).value))[0]!;
  await connectPhone(targetOf(server), phone!);
  const bus = new StudioEventBus();
  bus.subscribe(
    (event) => void (event.channel === 'device:onDidChange' && batches.push(event.payload)),
  );
  const env = { ...process.env, ANDROID_SERIAL: '' };
  service = new DeviceService(bus, [`127.0.0.1:${server.port}`], env, (s) => recorded.push(s));
  await service.farm();
});

afterAll(async () => {
  service.stop();
  await stopPhones(targetOf(server), [phone]);
  await server.stop();
});

describe('the farm stream over a real adb server', () => {
  it('sends and records nothing over 5 s while nothing changes, then one batch per change', async () => {
    await until((s) => s?.devices[0]?.thermal === 'none');
    await sleep(1500);
    const [sent, written] = [batches.length, recorded.length];
    await sleep(5000);
    expect([batches.length - sent, recorded.length - written]).toEqual([0, 0]);
    phone.setThermalStatus(3);
    (await service.farm()).reprobe();
    await until((s) => s?.devices[0]?.thermal === 'severe');
    await sleep(500);
    expect(batches.slice(sent).map((batch) => batch.items.length)).toEqual([1]);
    expect(batches.map((batch) => batch.seq)).toEqual(batches.map((_, i) => i + 1));
    expect(recorded.length - written).toBe(1);
  });
});
