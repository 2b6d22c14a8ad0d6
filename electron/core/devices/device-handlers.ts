import type { InvokeHandlers } from '../../../shared/contract';
import { fail, ok } from '../../../shared/result';
import type { SettingsRepo } from '../store/settings-repo';
import { adbServerAt, type AdbServer } from './adb-server';
import { readDeviceDetails } from './device-details';
import type { DeviceService } from './device-service';
import type { JobRegistry } from '../jobs/job-registry';
import { pushHandler } from './push/push-handler';
import { endpointAddress } from './adb-endpoint-link';

type DeviceChannels =
  | 'device:list'
  | 'device:details'
  | 'device:push'
  | 'device:watch'
  | 'farm:getHosts'
  | 'farm:setHosts'
  | 'farm:getEndpoints'
  | 'farm:setEndpoints';

/** A phone of the farm that adb can talk to, or why not. */
async function readyDevice(service: DeviceService, key: string) {
  const found = await service.device(key);
  if (!found.ok) return found;
  const { entry, device } = found.value;
  if (entry.type !== 'device' && entry.type !== 'emulator') {
    return fail('unavailable', `${key} is ${entry.type}`);
  }
  return ok(device);
}

/** The farm's hosts: `--adb` (or the default server) first, then those saved in the store. */
export function effectiveHosts(fromCommandLine: readonly AdbServer[], saved: readonly string[]) {
  return [...new Set([...fromCommandLine.map((server) => server.address), ...saved])];
}

/** Handlers of the `device:*` and `farm:*` channels. */
export function deviceHandlers(
  service: DeviceService,
  settings: SettingsRepo,
  fromCommandLine: readonly AdbServer[],
  jobs: JobRegistry,
): Pick<InvokeHandlers, DeviceChannels> {
  const hosts = () => {
    const saved = settings.get('farm.hosts');
    return {
      fromCommandLine: fromCommandLine.map((server) => server.address),
      saved,
      effective: effectiveHosts(fromCommandLine, saved),
    };
  };
  void service.setEndpoints(settings.get('farm.endpoints'));
  const endpoints = () => ({ endpoints: service.endpoints() });
  return {
    'device:list': async () => ok(await service.snapshot()),
    'device:details': async ({ key }) => {
      const device = await readyDevice(service, key);
      return device.ok ? ok(await readDeviceDetails(device.value, key)) : device;
    },
    'device:watch': async ({ key, intervalMs, pid }) => {
      const device = await readyDevice(service, key);
      if (!device.ok) return device;
      return ok({
        until: service.watches.watch(device.value, { deviceKey: key, intervalMs, pid }),
      });
    },
    'device:push': pushHandler(service, jobs),
    'farm:getHosts': async () => ok(hosts()),
    'farm:setHosts': async ({ saved }) => {
      const normalised = saved.map((text) => {
        const server = adbServerAt(text);
        return server.ok ? server.value.address : text;
      });
      settings.set({ key: 'farm.hosts', value: [...new Set(normalised)] });
      const next = hosts();
      service.setHosts(next.effective);
      return ok(next);
    },
    'farm:getEndpoints': async () => ok(endpoints()),
    'farm:setEndpoints': async ({ saved }) => {
      // The schema already refused anything that is not a HOST:PORT; this is the canonical form.
      const normalised = saved.map((text) => {
        const address = endpointAddress(text);
        return address.ok ? address.value : text;
      });
      settings.set({ key: 'farm.endpoints', value: [...new Set(normalised)] });
      // Saving means "attach it now": the farm (and its keeper) starts first if it had not, so a
      // dropped endpoint is disconnected (awaited: a CLI may exit right after).
      await service.farm();
      await service.setEndpoints(settings.get('farm.endpoints'));
      return ok(endpoints());
    },
  };
}
