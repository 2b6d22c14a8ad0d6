import type { StudioApi } from '../../shared/contract';
import type { AdbServer } from '../core/devices/adb-server';
import { numberOption } from './cli-options';
import { CommandFailure } from './command-output';
import type { EmulatedFarm } from './emulated-farm';
import { UsageError } from './global-options';

/**
 * Starts `--emulate N` emulated phones on the farm's local adb server for the command's duration
 * (as `serve --emulate N` does) and waits until the studio lists every one ready.
 */
export async function emulateForSweep(
  studio: StudioApi,
  local: AdbServer,
  text: string,
): Promise<EmulatedFarm> {
  const count = numberOption('--emulate', text, { min: 1, max: 64, whole: true });
  // The emulator loads only when asked for.
  const { localTarget, startEmulatedFarm } = await import('./emulated-farm');
  const target = localTarget(local);
  if (!target.ok) throw new UsageError(target.error.message);
  const farm = await startEmulatedFarm(target.value, count);
  if (!farm.ok) throw new CommandFailure(farm.error.message);
  for (const phone of farm.value.phones) {
    console.error(
      `Emulated phone ${phone.serial} ${phone.preset.model} at ${phone.address} (emulated)`,
    );
  }
  const serials = farm.value.phones.map((phone) => phone.serial);
  if (!(await phonesListed(studio, serials))) {
    await farm.value.stop();
    throw new CommandFailure(
      `the emulated phones were not listed ready in time (${serials.join(', ')})`,
    );
  }
  return farm.value;
}

/** Whether every serial is listed as a probed, ready phone within 30 s. */
async function phonesListed(studio: StudioApi, serials: readonly string[]): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const listed = await studio.invoke('device:list', {});
    const ready = listed.ok
      ? listed.value.devices.filter((d) => d.state === 'device' && d.serialno !== null)
      : [];
    if (serials.every((serial) => ready.some((d) => d.serialno === serial))) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
