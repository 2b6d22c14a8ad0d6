import { parseHostPort } from '../../shared/host-port';
import { fail, ok, type Result } from '../../shared/result';
import { isLoopbackHost } from '../core/devices/loopback-host';
import { locateAdb } from '../core/devices/adb-binary';
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

/** The local adb server (first farm host) to attach emulated phones to. */
export function localTarget(address: string): Result<AdbTarget> {
  const parsed = parseHostPort(address);
  if (!parsed.ok) return parsed;
  if (!isLoopbackHost(parsed.value.host)) {
    return fail('invalid-args', 'emulated phones need a local adb server (--adb 127.0.0.1:PORT)');
  }
  const adbPath = locateAdb();
  return adbPath.ok ? ok({ adbPath: adbPath.value, ...parsed.value }) : adbPath;
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
