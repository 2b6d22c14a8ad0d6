import { posix } from 'node:path';
import type { DeviceDetails } from '../../../shared/device';
import { fail, ok, type Result } from '../../../shared/result';
import type { RunRequest } from '../../../shared/run';
import { readDeviceDetails } from '../devices/device-details';
import { studioDir } from '../devices/push/cache-layout';
import { runShell, type ShellTransport } from '../devices/shell/device-shell';
import type { RuntimeCatalog } from './runtimes/runtime-catalog';

/** What a run learns of its phone before it pushes: its details and the runtime for its ABI. */
export interface RunDevice {
  details: DeviceDetails;
  runtime: Extract<Awaited<ReturnType<RuntimeCatalog['pick']>>, { ok: true }>['value'];
}

/**
 * Reads the phone's details (its context at the start: fingerprint, thermal, battery …) and
 * picks the runtime bundle for its ABI. Needs no lease (it only reads), so a session reads it
 * while the lease is being taken.
 */
export async function readRunDevice(
  device: ShellTransport,
  request: RunRequest,
  runtimes: RuntimeCatalog,
): Promise<Result<RunDevice>> {
  const details = await readDeviceDetails(device, request.device);
  if (!details.abi) return fail('unavailable', `${request.device} did not report its ABI`);
  const runtime = await runtimes.pick(details.abi, request.runtime);
  return runtime.ok ? ok({ details, runtime: runtime.value }) : runtime;
}

/** The run's folder on the phone: each pass's plan, prompt and outputs are in it. */
export function runDirOnPhone(runId: string): string {
  return posix.join(studioDir, 'runs', runId);
}

/** Removes the run's folder from the phone (whatever the run left there). */
export async function removeRunDir(device: ShellTransport, runId: string): Promise<void> {
  await runShell(device, 'rm', ['-rf', runDirOnPhone(runId)], { timeoutMs: 30_000 });
}
