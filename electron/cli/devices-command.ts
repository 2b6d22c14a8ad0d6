import type { Command } from 'commander';
import type { DeviceSummary, FarmSnapshot } from '../../shared/device';
import { createStudioCore, type StudioCore } from '../core/studio-core';
import { succeed } from './command-output';
import { registerPushCommand } from './devices-push-command';
import { registerSampleCommand } from './devices-sample-command';
import { hostContextFrom, type GlobalOptions } from './global-options';

/** `edge-studio devices [--json]`: every phone of the farm, grouped by adb server. */
export function registerDevicesCommand(program: Command): void {
  const devices = program
    .command('devices')
    .description('list the phones of every adb server of the farm')
    .option('--json', 'print the farm as JSON (hosts and devices)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const core = createStudioCore(
        hostContextFrom(command.optsWithGlobals<GlobalOptions>(), 'web'),
      );
      try {
        const snapshot = await settledFarm(core);
        console.log(options.json ? JSON.stringify(snapshot, null, 2) : formatFarm(snapshot));
      } finally {
        core.close();
      }
    });
  registerSampleCommand(devices);
  registerPushCommand(devices);
}

/** The farm once every host answered (or failed) and every phone was probed (≤ 5 s). */
export async function settledFarm(core: StudioCore): Promise<FarmSnapshot> {
  const deadline = Date.now() + 5000;
  let snapshot = succeed(await core.handlers['device:list']({}));
  while (!settled(snapshot) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    snapshot = succeed(await core.handlers['device:list']({}));
  }
  return snapshot;
}

function settled(snapshot: FarmSnapshot): boolean {
  const hostsDone = snapshot.hosts.every((host) => host.status !== 'connecting');
  const probed = snapshot.devices.every((d) => d.state !== 'device' || d.serialno !== null);
  return hostsDone && probed;
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
