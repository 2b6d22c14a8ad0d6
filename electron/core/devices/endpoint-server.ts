import type { DeviceState, FarmSnapshot } from '../../../shared/device';
import { adbServerAt, type AdbServer } from './adb-server';

/**
 * The adb server `adb connect` endpoints attach to: the farm's first local one. A remote server
 * would dial the phone from its own network, which is not where the user found the address.
 */
export function endpointServer(hosts: readonly string[]): AdbServer | null {
  for (const host of hosts) {
    const server = adbServerAt(host);
    if (server.ok && server.value.local) return server.value;
  }
  return null;
}

/** The transports one server lists, with their states, in a farm snapshot; null while it is not up. Pure. */
export function listedOn(
  snapshot: FarmSnapshot | undefined,
  address: string | undefined,
): Map<string, DeviceState> | null {
  const up = snapshot?.hosts.some((host) => host.address === address && host.status === 'up');
  if (!up) return null;
  const devices = snapshot?.devices.filter((device) => device.host === address) ?? [];
  return new Map(devices.map((device) => [device.transport, device.state]));
}
