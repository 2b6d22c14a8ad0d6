import type { Command } from 'commander';
import type { FarmEndpointStatus, StudioApi } from '../../shared/contract';
import { endpointAddress } from '../core/devices/adb-endpoint-link';
import { call, withStudio } from './cli-studio';
import { numberArgument } from './cli-options';
import { CommandFailure } from './command-output';
import { UsageError } from './global-options';

/**
 * `edge-studio devices connect HOST:PORT` / `devices disconnect HOST:PORT`: saves (or forgets) a
 * phone reached with `adb connect` — Wi-Fi debugging, an STF remote-connect URL — so every studio
 * on this data dir keeps it attached. `connect` waits until adb lists it as a device.
 */
export function registerConnectCommands(devices: Command): void {
  devices
    .command('connect')
    .description('save an adb connect endpoint (HOST:PORT) and attach its phone to the farm')
    .argument(
      '<address>',
      'HOST:PORT of the phone (IPv6 as [::1]:5555), e.g. an STF remote-connect URL',
    )
    .option('--wait <seconds>', 'how long to wait for the phone to be listed as a device', '20')
    .action(async (text: string, options: { wait: string }, command: Command) => {
      const address = addressOf(text);
      const waitMs = numberArgument(options.wait) * 1000;
      const status = await withStudio(command, async ({ studio }) => {
        const saved = (await call(studio, 'farm:getEndpoints', {})).endpoints.map((e) => e.address);
        await call(studio, 'farm:setEndpoints', { saved: [...new Set([...saved, address])] });
        return connectedWithin(studio, address, waitMs);
      });
      if (status.status !== 'connected') {
        throw new CommandFailure(
          `${address}: ${status.status}${status.message ? ` (${status.message})` : ''}; saved, the studio keeps reconnecting it`,
        );
      }
      console.log(`${address}: connected (saved)`);
    });
  devices
    .command('disconnect')
    .description('forget a saved adb connect endpoint and disconnect its phone')
    .argument('<address>', 'HOST:PORT as it was saved')
    .action(async (text: string, _options: unknown, command: Command) => {
      const address = addressOf(text);
      await withStudio(command, async ({ studio }) => {
        const saved = (await call(studio, 'farm:getEndpoints', {})).endpoints.map((e) => e.address);
        if (!saved.includes(address)) {
          const known = saved.length > 0 ? saved.join(', ') : 'none';
          throw new CommandFailure(`${address} is not a saved endpoint (saved: ${known})`);
        }
        await call(studio, 'farm:setEndpoints', { saved: saved.filter((a) => a !== address) });
      });
      console.log(`${address}: disconnected (forgotten)`);
    });
}

function addressOf(text: string): string {
  const address = endpointAddress(text);
  if (!address.ok) throw new UsageError(address.error.message);
  return address.value;
}

/** The endpoint's status once it is connected, or the last one seen when `waitMs` ran out. */
async function connectedWithin(
  studio: StudioApi,
  address: string,
  waitMs: number,
): Promise<FarmEndpointStatus> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { endpoints } = await call(studio, 'farm:getEndpoints', {});
    const status = endpoints.find((endpoint) => endpoint.address === address)!;
    if (status.status === 'connected' || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
