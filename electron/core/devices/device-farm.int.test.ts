import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FarmSnapshot } from '../../../shared/device';
import type { EmulatedPhone } from '../../emulator/emulated-phone';
import type { PhonePreset } from '../../emulator/phone-presets';
import { choosePresets, connectPhone, startPhones, stopPhones } from '../../emulator/phone-farm';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../emulator/testing-adb';
import { DeviceFarm } from './device-farm';
import { HostWatcher } from './host-watcher';
import { readDeviceDetails } from './device-details';

let first: TestAdbServer;
let second: TestAdbServer;
let phones: EmulatedPhone[];
let latest: FarmSnapshot = { hosts: [], devices: [] };
let farm: DeviceFarm;

const address = (server: TestAdbServer) => `127.0.0.1:${server.port}`;

/** Waits until the farm's latest snapshot satisfies `check` (polled; the farm pushes changes). */
async function until(check: (snapshot: FarmSnapshot) => boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!check(latest)) {
    if (Date.now() - started > timeoutMs) throw new Error(JSON.stringify(latest, null, 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  [first, second] = await Promise.all([startTestAdbServer(), startTestAdbServer()]);
  phones = await startPhones((choosePresets(3, []) as { value: PhonePreset[] }).value);
  await connectPhone(targetOf(first), phones[0]!);
  await connectPhone(targetOf(second), phones[1]!);
  farm = new DeviceFarm((snapshot) => (latest = snapshot), { adbPath: process.env.ADB ?? 'adb' });
  farm.setHosts([address(first), address(second), '127.0.0.1:1']);
});

afterAll(async () => {
  farm.stop();
  await stopPhones(targetOf(first), [phones[0]!, phones[2]!]);
  await stopPhones(targetOf(second), [phones[1]!]);
  await Promise.all([first.stop(), second.stop()]);
});

const serials = (snapshot: FarmSnapshot) => snapshot.devices.map((device) => device.serialno);

describe('the farm over real adb servers', () => {
  it('merges two hosts, keys phones by ro.serialno and shows an unreachable host', async () => {
    await until(
      (s) => serials(s).includes(phones[0]!.serial) && serials(s).includes(phones[1]!.serial),
    );
    const one = latest.devices.find((device) => device.serialno === phones[0]!.serial)!;
    expect(one).toMatchObject({ host: address(first), state: 'device', emulated: true });
    expect(one.key).toBe(`${address(first)}/${phones[0]!.serial}`);
    expect(latest.devices.find((d) => d.serialno === phones[1]!.serial)?.host).toBe(
      address(second),
    );
    await until((s) =>
      s.hosts.some((h) => h.address === '127.0.0.1:1' && h.status === 'unreachable'),
    );
  });

  it('sees a hot-plugged phone within a second of adb reporting it', async () => {
    await connectPhone(targetOf(first), phones[2]!);
    const waited = await until((s) => s.devices.some((d) => d.transport === phones[2]!.address));
    expect(waited).toBeLessThan(1000);
    await until((s) => serials(s).includes(phones[2]!.serial));
  });

  it('shows a dropped phone offline and the same key when it comes back', async () => {
    const key = `${address(first)}/${phones[0]!.serial}`;
    await phones[0]!.goOffline();
    await until((s) => s.devices.some((d) => d.key === key && d.state === 'offline'));
    expect(latest.devices.find((d) => d.key === key)?.hint).toContain('reconnects');
    await phones[0]!.goOnline();
    await until((s) => s.devices.some((d) => d.key === key && d.state === 'device'), 30_000);
  });

  it('reads the details of a phone through adbkit', async () => {
    const found = farm.deviceFor(`${address(second)}/${phones[1]!.serial}`);
    const details = await readDeviceDetails(found!.device, 'k');
    expect(details.model).toBe(phones[1]!.preset.model);
    expect(details.emulated).toBe(true);
  });
});

describe('stopping a host watcher', () => {
  it('caught starting, it lists nothing more: no poll outlives stop()', async () => {
    let stoppedAt = 0;
    let late = 0;
    const count = () => void (stoppedAt > 0 && (late += 1));
    const watcher: HostWatcher = new HostWatcher(
      address(first),
      {
        // The tracker is up and the first listing is in flight: stop right there.
        onStatus: (status) => {
          if (status.status !== 'up' || stoppedAt > 0) return;
          stoppedAt = Date.now();
          watcher.stop();
        },
        onDevice: count,
        onRemove: count,
        onReset: count,
      },
      null,
      false,
    );
    watcher.start();
    await until(() => stoppedAt > 0);
    // A poll left running would list the devices again every second.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(late).toBe(0);
  });
});
