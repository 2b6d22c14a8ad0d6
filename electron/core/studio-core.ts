import { compareQuerySchema } from '../../shared/compare';
import type { InvokeHandlers } from '../../shared/contract';
import { StudioEventBus } from '../../shared/event-bus';
import { isTerminalRunState } from '../../shared/run-state';
import { appHandlers } from './app/app-handlers';
import { CompareAnswers } from './reports/compare-answers';
import { compareHandlers } from './reports/compare-handlers';
import { compareQuery, poolSweep } from './reports/compare-query';
import { CompareRunCache } from './reports/compare-run-cache';
import { reportHandlers } from './reports/report-handlers';
import { ReportShelf } from './reports/report-shelf';
import type { HostContext } from './app/app-info';
import { join } from 'node:path';
import { ArtifactCache } from './graphs/artifact-cache';
import { graphHandlers } from './graphs/graph-handlers';
import { jobHandlers } from './jobs/job-handlers';
import { JobRegistry } from './jobs/job-registry';
import { createLogger, errorMessage, type Logger } from './log';
import { deviceHandlers, effectiveHosts } from './devices/device-handlers';
import { DeviceService } from './devices/device-service';
import { DeviceRepo } from './store/device-repo';
import { LogHistory } from './log-history';
import { openDatabase, type StudioDatabase } from './store/database';
import { settingsHandlers } from './store/settings-handlers';
import { SettingsRepo } from './store/settings-repo';
import { RuntimeRepo } from './store/runtime-repo';
import { runtimeHandlers } from './runs/runtimes/runtime-handlers';
import { RuntimeCatalog } from './runs/runtimes/runtime-catalog';
import { studioRoot } from './paths';
import { HostReferences } from './runs/accuracy/host-reference';
import { runHandlers } from './runs/run-handlers';
import { profileFolders, profileHandlers } from './sweeps/profile-handlers';
import { RunService } from './runs/run-service';
import { RunRepo } from './store/run-repo';
import { SweepRepo } from './store/sweep-repo';
import type { SweepService } from './sweeps/scheduler';
import { studioSweeps } from './sweeps/studio-sweeps';
import { sweepHandlers } from './sweeps/sweep-handlers';

/** The host-independent backend: every handler of the contract over one store and event bus. */
export interface StudioCore {
  handlers: InvokeHandlers;
  events: StudioEventBus;
  /** Every long job (builds, fidelity runs, pushes), seen by every window. */
  jobs: JobRegistry;
  /** The graph artifacts, each key built once (its builds can be watched). */
  cache: ArtifactCache;
  db: StudioDatabase;
  log: Logger;
  /**
   * Answers the query Compare opens with (the newest ended sweep, per phone; its runs and pools
   * parsed into the cache, the code warm), in the background: a host showing the UI calls it
   * once it serves, so a studio's first Compare is answered from memory (compare-10k).
   */
  warmCompare(): void;
  close(): void;
}

/** Answers (and keeps) the query Compare opens with: the newest ended sweep, per phone. */
function warmCompare(parts: {
  runs: RunRepo;
  sweeps: SweepRepo;
  cache: CompareRunCache;
  answers: CompareAnswers;
  log: Logger;
}) {
  const { runs, sweeps, cache, answers } = parts;
  try {
    const newest = sweeps.list(50).find((sweep) => isTerminalRunState(sweep.state));
    if (!newest) return;
    const query = compareQuerySchema.parse({ sweepIds: [newest.id] });
    answers.answer(query, () => compareQuery(runs, sweeps, query, cache));
  } catch (error) {
    // Only a warm-up (the store may even be closed already): the page's own query computes it
    // again, and says what went wrong.
    parts.log.debug(`Compare not warmed: ${errorMessage(error)}`);
  }
}

/** Opens the store in the data dir and wires every domain's handlers. */
export function createStudioCore(context: HostContext): StudioCore {
  const events = new StudioEventBus();
  const db = openDatabase(context.dataDir);
  const settings = new SettingsRepo(db);
  const history = new LogHistory(events);
  const jobs = new JobRegistry({
    onChange: (job) => {
      events.emit('job:onDidChange', job);
      runs.onJob(job);
      sweeps.onJob(job);
    },
  });
  const deviceRepo = new DeviceRepo(db);
  const runtimes = new RuntimeCatalog(new RuntimeRepo(db), join(studioRoot(), 'out', 'runtime'));
  const devices = new DeviceService(
    events,
    effectiveHosts(context.farm, settings.get('farm.hosts')),
    context.env,
    (snapshot) => deviceRepo.record(snapshot.devices),
  );
  const cache = new ArtifactCache(join(context.dataDir, 'artifacts'));
  const runRepo = new RunRepo(db, context.dataDir);
  const runs: RunService = new RunService({
    jobs,
    repo: runRepo,
    events,
    devices,
    cache,
    runtimes,
    references: new HostReferences(join(context.dataDir, 'references')),
    dataDir: context.dataDir,
  });
  const sweepRepo = new SweepRepo(db);
  const compareCache = new CompareRunCache(runRepo);
  const compareAnswers = new CompareAnswers(() => runRepo.changeMark());
  // Only a cache: a studio closed meanwhile (its store shut) pools on the first Compare instead.
  const poolEndedSweep = (sweepId: string) => {
    try {
      poolSweep(sweepRepo, sweepId, compareCache);
    } catch (error) {
      createLogger(events, 'compare').debug(`sweep ${sweepId} not pooled: ${errorMessage(error)}`);
    }
  };
  const sweeps: SweepService = studioSweeps({
    ...{ db, jobs, events, devices, cache, runs, runRepo },
    onDidEnd: (sweepId) => setImmediate(() => poolEndedSweep(sweepId)),
  });
  const handlers: InvokeHandlers = {
    ...appHandlers(context, history),
    ...settingsHandlers(settings, events),
    ...jobHandlers(jobs),
    ...graphHandlers(cache, jobs),
    ...deviceHandlers(devices, settings, context.farm, jobs),
    ...runtimeHandlers(runtimes),
    ...runHandlers(runs, runRepo),
    ...profileHandlers(profileFolders(context.dataDir)),
    ...sweepHandlers(sweeps, profileFolders(context.dataDir)),
    ...compareHandlers(runRepo, sweepRepo, compareCache, compareAnswers),
    ...reportHandlers({
      runs: runRepo,
      sweeps: sweepRepo,
      shelf: new ReportShelf(context.dataDir),
      outAnywhere: context.host === 'cli',
    }),
  };
  return {
    handlers,
    events,
    jobs,
    cache,
    db,
    log: createLogger(events, 'core'),
    warmCompare: () =>
      setImmediate(() =>
        warmCompare({
          ...{ runs: runRepo, sweeps: sweepRepo, cache: compareCache, answers: compareAnswers },
          log: createLogger(events, 'compare'),
        }),
      ),
    close: () => {
      // Jobs in flight are stopped (their signals abort, so pushes clean up and builds write
      // nothing). A run still writes its last samples and its end while it stops, and stops its
      // runner on the phone: the farm and the store stay open until every job has ended.
      const live = jobs.list().some((job) => !isTerminalRunState(job.state));
      const ended = jobs.close();
      const shut = () => {
        devices.stop();
        db.close();
      };
      if (live) void ended.then(shut);
      else shut();
    },
  };
}
