import type { Command } from 'commander';
import type { DeviceSummary, FarmSnapshot } from '../../shared/device';
import { withStudio } from './cli-studio';
import { registerConnectCommands } from './devices-connect-command';
import { registerPushCommand } from './devices-push-command';
import { registerSampleCommand } from './devices-sample-command';
import { settledFarm } from './phone-selection';

/** `edge-studio devices [--json]`: every phone of the farm, grouped by adb server. */
export function registerDevicesCommand(program: Command): void {
  const devices = program
    .command('devices')
    .description('list the phones of every adb server of the farm')
    .option('--json', 'print the farm as JSON (hosts and devices)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const snapshot = await withStudio(command, ({ studio }) => settledFarm(studio));
      console.log(options.json ? JSON.stringify(snapshot, null, 2) : formatFarm(snapshot));
    });
  registerSampleCommand(devices);
  registerPushCommand(devices);
  registerConnectCommands(devices);
}

/** One block per host, one line per phone. Pure. */
export function formatFarm(snapshot: FarmSnapshot): string {
  return snapshot.hosts
    .map((host) => {
      const phones = snapshot.devices.filter((device) => device.host === host.address);
      const head = `${host.address}  ${host.status}${host.message ? ` (${host.message})` : ''}`;
      const lines = phones.length > 0 ? phones.map(formatDevice) : ['  (no phones)'];
      return [head, ...lines].join('\n');
    })
    .join('\n\n');
}

function formatDevice(device: DeviceSummary): string {
  const words = [
    device.serialno ?? device.transport,
    device.state,
    device.model ?? '?',
    device.soc ?? '?',
    device.android ? `Android ${device.android}` : '',
    device.batteryPercent === null ? '' : `battery ${device.batteryPercent}%`,
    device.thermal ? `thermal ${device.thermal}` : '',
    device.emulated ? '(emulated)' : '',
    device.isDefault ? '(ANDROID_SERIAL)' : '',
  ];
  const hint = device.hint && device.state !== 'device' ? `\n    ${device.hint}` : '';
  return `  ${words.filter(Boolean).join('  ')}${hint}`;
}
