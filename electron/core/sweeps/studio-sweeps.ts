import type { StudioEventBus } from '../../../shared/event-bus';
import type { DeviceService } from '../devices/device-service';
import { leaseHolder } from '../devices/lease/device-lease';
import type { ArtifactCache } from '../graphs/artifact-cache';
import type { JobRegistry } from '../jobs/job-registry';
import type { RunService } from '../runs/run-service';
import type { StudioDatabase } from '../store/database';
import type { RunRepo } from '../store/run-repo';
import { SweepRepo } from '../store/sweep-repo';
import { cleanUpOrphans, type OrphanReport } from './orphan-cleanup';
import { SweepService } from './scheduler';
import { buildFootprint, farmPhones, serviceRuns } from './sweep-farm';

/** What the studio's sweeps are made of. */
export interface StudioSweepParts {
  db: StudioDatabase;
  jobs: JobRegistry;
  events: StudioEventBus;
  devices: DeviceService;
  cache: ArtifactCache;
  runs: RunService;
  runRepo: RunRepo;
  /** After a sweep ended (Compare pools it then, so its first look is quick). */
  onDidEnd?(sweepId: string): void;
}

/** The studio's sweep service over its store, farm, artifact cache and run service. */
export function studioSweeps(parts: StudioSweepParts): SweepService {
  return new SweepService({
    repo: new SweepRepo(parts.db),
    jobs: parts.jobs,
    events: parts.events,
    runs: serviceRuns(parts.runs, parts.jobs),
    phones: () => farmPhones(parts.devices),
    footprint: (request, signal) => buildFootprint(request, parts.cache, signal),
    runState: (runId) => parts.runRepo.get(runId)?.state ?? null,
    cleanUp: async (points) => (await cleanUpOrphans(parts.devices, points)).map(describeOrphan),
    leaseHolder: async (key) => {
      const found = await parts.devices.device(key);
      return found.ok ? leaseHolder(found.value.device) : null;
    },
    onDidEnd: parts.onDidEnd,
  });
}

/** One line of a resume's log about a dead run's leftovers. */
function describeOrphan(report: OrphanReport): string {
  const where = `run ${report.runId} on ${report.deviceKey}`;
  if (report.stopped === null) return `${where}: the phone is not reachable, nothing cleaned`;
  const runners =
    report.stopped.length === 0 ? 'no runner left' : `stopped runner ${report.stopped.join(', ')}`;
  return `${where}: ${runners}${report.leaseRemoved ? ', its lease removed' : ''}`;
}
