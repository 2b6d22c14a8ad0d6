import { fail, ok, type Result } from '../../shared/result';
import { locateAdb } from '../core/devices/adb-binary';
import type { AdbServer } from '../core/devices/adb-server';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import {
  choosePresets,
  connectPhone,
  ensureAdbServer,
  runAdb,
  startPhones,
  stopPhones,
  type AdbTarget,
} from '../emulator/phone-farm';

/** Emulated phones attached to the farm's local adb server. */
export interface EmulatedFarm {
  phones: EmulatedPhone[];
  /** Takes the first phone offline, or brings it back and reconnects it. */
  toggleFirst(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The adb server (the farm's first) to attach emulated phones to: a local one, since the phones
 * listen on loopback, with the adb binary that drives it.
 */
export function localTarget(server: AdbServer): Result<AdbTarget> {
  if (!server.local) {
    return fail(
      'invalid-args',
      `emulated phones need a local adb server (--adb 127.0.0.1:PORT), not ${server.address}`,
    );
  }
  const adbPath = locateAdb();
  return adbPath.ok
    ? ok({ adbPath: adbPath.value, host: server.host, port: server.port })
    : adbPath;
}

/** True when adb lists no phone at all on the target (a server that is down counts as none). */
export async function hasNoPhones(target: AdbTarget): Promise<boolean> {
  const listed = await runAdb(target, ['devices'], 15_000);
  return !listed.ok || listed.value.trim().split('\n').slice(1).filter(Boolean).length === 0;
}

/** Starts `count` emulated phones (every preset in turn) and `adb connect`s them. */
export async function startEmulatedFarm(
  target: AdbTarget,
  count: number,
): Promise<Result<EmulatedFarm>> {
  const server = await ensureAdbServer(target);
  if (!server.ok) return server;
  const presets = choosePresets(count, []);
  if (!presets.ok) return presets;
  const phones = await startPhones(presets.value);
  for (const phone of phones) {
    const connected = await connectPhone(target, phone);
    if (!connected.ok) {
      await stopPhones(target, phones);
      return connected;
    }
  }
  const toggleFirst = async () => {
    const first = phones[0]!;
    if (first.online) return void (await first.goOffline());
    await first.goOnline();
    await connectPhone(target, first);
  };
  return ok({ phones, toggleFirst, stop: () => stopPhones(target, phones) });
}
