import type { InvokeHandlers } from '../../../../shared/contract';
import type { PushTransfer } from '../../../../shared/job';
import type { JobRegistry } from '../../jobs/job-registry';
import type { JobContext } from '../../jobs/job-session';
import type { DeviceService } from '../device-service';
import { cachedPush } from './cached-push';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * `device:push`: starts a `device-push` job, a verified push into the phone's cache through the
 * adb binary when there is one (faster than adbkit's sync client). Its bytes and phase go out
 * with the job's progress (at most ten times a second); `job:cancel` cancels it, and so does
 * closing the studio (temporary files removed, nothing cached).
 */
export function pushHandler(
  service: DeviceService,
  jobs: JobRegistry,
): InvokeHandlers['device:push'] {
  return async ({ key, file, verify }) =>
    jobs.launch({
      kind: 'device-push',
      subject: key,
      label: `Push ${file}`,
      state: 'pushing',
      work: async (context) => {
        const found = await service.device(key);
        if (!found.ok) return found;
        return cachedPush(found.value.device, file, {
          verify,
          adb: service.adbTarget(found.value.entry),
          onProgress: (transfer) => reportTransfer(context, transfer),
          signal: context.signal,
        });
      },
    });
}

function reportTransfer(context: JobContext, transfer: PushTransfer): void {
  const fraction = transfer.total > 0 ? transfer.bytes / transfer.total : 0;
  const message = `${transfer.phase} ${mib(transfer.bytes)} / ${mib(transfer.total)}`;
  context.progress(fraction, message, { transfer });
}
