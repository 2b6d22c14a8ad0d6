import { createInterface } from 'node:readline';
import { locateAdb } from '../core/devices/adb-binary';
import { freePort } from '../emulator/free-port';
import {
  choosePresets,
  connectPhone,
  runAdb,
  startPhones,
  stopPhones,
} from '../emulator/phone-farm';

/**
 * Emulated phones on a private adb server, in a process of their own so that the bench's process
 * time is the core's alone: `node --import tsx fanout-phones.ts COUNT`. Prints `{"port":N,"serials":[…]}` once
 * the phones are attached, then answers each stdin line `thermal PHONE STATUS` with `ok` once the
 * phone's thermal status is pinned; stops everything when stdin ends.
 */
async function main(count: number): Promise<void> {
  const adbPath = locateAdb();
  if (!adbPath.ok) throw new Error(adbPath.error.message);
  const target = { adbPath: adbPath.value, host: '127.0.0.1', port: await freePort() };
  await runAdb(target, ['start-server'], 60_000);
  const presets = choosePresets(count, []);
  if (!presets.ok) throw new Error(presets.error.message);
  const phones = await startPhones(presets.value);
  for (const phone of phones) {
    const connected = await connectPhone(target, phone);
    if (!connected.ok) throw new Error(connected.error.message);
  }
  console.log(JSON.stringify({ port: target.port, serials: phones.map((phone) => phone.serial) }));
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command, phone, status] = line.split(' ');
    if (command !== 'thermal') continue;
    phones[Number(phone)]?.setThermalStatus(Number(status));
    console.log('ok');
  }
  await stopPhones(target, phones);
  await runAdb(target, ['kill-server']);
}

await main(Number(process.argv[2] ?? 4));
