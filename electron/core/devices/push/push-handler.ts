import type { InvokeHandlers } from '../../../../shared/contract';
import type { PushProgress } from '../../../../shared/device';
import type { StudioEventBus } from '../../../../shared/event-bus';
import { parseHostPort } from '../../../../shared/host-port';
import { locateAdb } from '../adb-binary';
import type { DeviceService } from '../device-service';
import { cachedPush } from './cached-push';

const progressEveryMs = 100;

/**
 * `device:push`: a verified push into the phone's cache, through the adb binary when there is
 * one (faster than adbkit's sync client), with `device:onDidPushProgress` at most every 100 ms
 * and on every phase change. It runs under its `pushId` until it ends, cancellable by that id.
 */
export function pushHandler(
  service: DeviceService,
  bus: StudioEventBus,
  env: NodeJS.ProcessEnv = process.env,
): InvokeHandlers['device:push'] {
  return async ({ key, file, verify, pushId }) => {
    // Registered first, so that closing the studio at any point cancels it.
    const signal = service.pushes.begin(pushId);
    if (!signal.ok) return signal;
    try {
      const found = await service.device(key);
      if (!found.ok) return found;
      let last: { phase: string; at: number } = { phase: '', at: 0 };
      const onProgress = (progress: Omit<PushProgress, 'pushId' | 'deviceKey'>) => {
        const now = performance.now();
        const complete = progress.bytes === progress.total;
        if (progress.phase === last.phase && now - last.at < progressEveryMs && !complete) return;
        last = { phase: progress.phase, at: now };
        bus.emit('device:onDidPushProgress', { ...progress, pushId, deviceKey: key });
      };
      const adb = adbTarget(env, found.value.entry);
      return await cachedPush(found.value.device, file, {
        verify,
        adb,
        onProgress,
        signal: signal.value,
      });
    } finally {
      service.pushes.end(pushId);
    }
  };
}

/** How to reach the phone with the adb binary, when there is one. */
function adbTarget(env: NodeJS.ProcessEnv, entry: { host: string; transport: string }) {
  const adbPath = locateAdb(env);
  const server = parseHostPort(entry.host);
  return adbPath.ok && server.ok
    ? { adbPath: adbPath.value, ...server.value, serial: entry.transport }
    : undefined;
}
