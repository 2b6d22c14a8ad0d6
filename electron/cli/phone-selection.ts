import type { StudioApi } from '../../shared/contract';
import type { DeviceSummary, FarmSnapshot } from '../../shared/device';
import { call } from './cli-studio';
import { CommandFailure } from './command-output';

const settleMs = 5000;

/** The farm once every host answered (or failed) and every phone was probed (≤ 5 s). */
export async function settledFarm(studio: StudioApi): Promise<FarmSnapshot> {
  const deadline = Date.now() + settleMs;
  let snapshot = await call(studio, 'device:list', {});
  while (!settled(snapshot) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    snapshot = await call(studio, 'device:list', {});
  }
  return snapshot;
}

function settled(snapshot: FarmSnapshot): boolean {
  const hostsDone = snapshot.hosts.every((host) => host.status !== 'connecting');
  const probed = snapshot.devices.every((d) => d.state !== 'device' || d.serialno !== null);
  return hostsDone && probed;
}

/** The phone a command names (serial number, key or transport), or the default one, once settled. */
export async function selectPhone(
  studio: StudioApi,
  name: string | undefined,
): Promise<DeviceSummary> {
  return pickPhone((await settledFarm(studio)).devices, name);
}

/** The phone a user named (serial number, key or transport), or the default one. Pure. */
export function pickPhone(devices: readonly DeviceSummary[], name: string | undefined) {
  const candidates = name
    ? devices.filter((d) => [d.key, d.serialno, d.transport].includes(name))
    : devices.filter((d) => d.isDefault).concat(devices.length === 1 ? devices : []);
  const found = candidates[0];
  if (!found) {
    const known = devices.map((d) => d.serialno ?? d.transport).join(', ') || 'none';
    const asked = name ? `No phone ${name}` : 'More than one phone and no ANDROID_SERIAL';
    throw new CommandFailure(`${asked}: name one of the farm's phones (${known})`);
  }
  if (name && new Set(candidates.map((d) => d.key)).size > 1) {
    throw new CommandFailure(
      `${name} is on several hosts: name it by key (${candidates.map((d) => d.key).join(', ')})`,
    );
  }
  return found;
}

/** The `[phone]` argument's help, the same for every command that takes one. */
export const phoneArgumentHelp =
  'serial number or key of the phone (default: ANDROID_SERIAL or the only one)';
