import { createInterface } from 'node:readline';
import { locateAdb } from '../core/devices/adb-binary';
import { freePort } from '../emulator/free-port';
import { choosePresets, runAdb, startPhones, stopPhones } from '../emulator/phone-farm';

/**
 * `node --import tsx farm-scale-phones.ts SERVERS PHONES`: starts SERVERS private adb servers and
 * PHONES emulated phones, none connected, in a process of their own (the bench's process time is
 * then the studio's alone). Prints `{"servers":[port…],"phones":[address…]}`; stops everything
 * (disconnect, kill-server) when stdin ends.
 */
async function main(serverCount: number, phoneCount: number): Promise<void> {
  const adbPath = locateAdb();
  if (!adbPath.ok) throw new Error(adbPath.error.message);
  const targets = await Promise.all(
    Array.from({ length: serverCount }, async () => ({
      adbPath: adbPath.value,
      host: '127.0.0.1',
      port: await freePort(),
    })),
  );
  await Promise.all(targets.map((target) => runAdb(target, ['start-server'], 60_000)));
  const presets = choosePresets(phoneCount, []);
  if (!presets.ok) throw new Error(presets.error.message);
  const phones = await startPhones(presets.value);
  const servers = targets.map((target) => target.port);
  console.log(JSON.stringify({ servers, phones: phones.map((phone) => phone.address) }));
  for await (const line of createInterface({ input: process.stdin })) void line;
  await Promise.all(
    targets.map((target, index) =>
      stopPhones(
        target,
        phones.filter((_, phone) => phone % serverCount === index),
      ),
    ),
  );
  await Promise.all(targets.map((target) => runAdb(target, ['kill-server'])));
}

await main(Number(process.argv[2] ?? 4), Number(process.argv[3] ?? 32));
