import { posix } from 'node:path';
import type { SweepPoint } from '../../../shared/sweep';
import type { DeviceService } from '../devices/device-service';
import { leaseDir } from '../devices/lease/device-lease';
import { parseLeaseRecord } from '../devices/lease/lease-record';
import { studioDir } from '../devices/push/cache-layout';
import { runShell, type ShellTransport } from '../devices/shell/device-shell';
import { findRunnerProcesses, stopRunner } from '../runs/phone/stop-runner';

/** What was found and ended of one dead run on its phone. */
export interface OrphanReport {
  runId: string;
  deviceKey: string;
  /** Runner pids stopped; null when the phone could not be reached. */
  stopped: number[] | null;
  leaseRemoved: boolean;
}

/** The plan files a run's passes launch the runner with: the timed pass, then each score pass. */
export function runPlanPaths(runId: string, accuracyPrompts: number): string[] {
  const dir = posix.join(studioDir, 'runs', runId);
  const scores = Array.from({ length: accuracyPrompts }, (_, index) => `score-${index}`);
  return ['timed', ...scores].map((pass) => posix.join(dir, pass, 'plan.json'));
}

/**
 * Ends what the runs of a dead studio left on their phones: every runner still running one of
 * the run's plans (a phone whose adbd only closes the pipes keeps it), the run's folder, and
 * the phone's lease when that run holds it (so the phone is free now, not when it expires).
 */
export async function cleanUpOrphans(
  devices: DeviceService,
  points: readonly SweepPoint[],
): Promise<OrphanReport[]> {
  const reports: OrphanReport[] = [];
  for (const point of points) {
    const runId = point.runIds.at(-1);
    if (runId === undefined) continue;
    const found = await deviceSoon(devices, point.deviceKey);
    const report = { runId, deviceKey: point.deviceKey, stopped: null, leaseRemoved: false };
    if (!found.ok) {
      reports.push(report);
      continue;
    }
    reports.push({ ...report, ...(await cleanUpRun(found.value.device, runId, point)) });
  }
  return reports;
}

/** The phone once the farm lists it: a studio just started may not have listed it yet. */
async function deviceSoon(devices: DeviceService, key: string, waitMs = 10_000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await devices.device(key);
    if (found.ok || found.error.code !== 'not-found' || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function cleanUpRun(device: ShellTransport, runId: string, point: SweepPoint) {
  const stopped: number[] = [];
  for (const plan of runPlanPaths(runId, point.request.accuracyPrompts)) {
    const pids = await findRunnerProcesses(device, plan);
    for (const pid of pids.ok ? pids.value : []) {
      if ((await stopRunner(device, pid)).ok) stopped.push(pid);
    }
  }
  await runShell(device, 'rm', ['-rf', posix.join(studioDir, 'runs', runId)]);
  const holder = await runShell(device, 'cat', [`${leaseDir}/holder`]);
  const lease =
    holder.ok && holder.value.exitCode === 0 ? parseLeaseRecord(holder.value.stdout) : null;
  // Only a lease of this very run: a live holder (another studio, a teammate) is left alone.
  const ours = lease?.owner === `edge-studio run ${runId}`;
  if (ours) await runShell(device, 'rm', ['-rf', leaseDir]);
  return { stopped, leaseRemoved: ours };
}
