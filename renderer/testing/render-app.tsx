import { render } from '@testing-library/react';
import type { FarmEndpointStatus, InvokeHandlers } from '../../shared/contract';
import { StudioEventBus } from '../../shared/event-bus';
import { createLocalStudio } from '../../shared/local-studio';
import { fail, ok } from '../../shared/result';
import { settingDefaults, type SettingEntry } from '../../shared/settings';
import type { AppInfo } from '../../shared/app-info';
import { App } from '../app';
import { sampleArtifact, sampleFidelity, sampleInspection } from './sample-graphs';
import { sampleDetails, sampleFarm, sampleVitals } from '../../shared/testing/sample-devices';
import { fakeCompareHandlers } from '../../shared/testing/fake-compare-handlers';
import { ErrorCenterProvider } from '../errors/error-center';
import { fakeJobs } from './fake-jobs';
import { StudioProvider } from '../studio-context';

export const sampleInfo: AppInfo = {
  studioVersion: '0.1.0',
  host: 'web',
  node: '20.20.2',
  electron: null,
  platform: 'linux-x64',
  onnxruntime: { found: true, version: '1.30.0' },
  adb: { found: false, reason: 'adb was not found; install it with `sudo apt-get install adb`' },
  dataDir: '/tmp/studio',
  farm: ['127.0.0.1:5037'],
  hostCores: 8,
};

/** In-memory handlers of the whole contract, with overrides per test. */
export function fakeHandlers(
  overrides: Partial<InvokeHandlers> = {},
  events = new StudioEventBus(),
) {
  const settings = new Map<string, unknown>(Object.entries(settingDefaults));
  let farmHosts = {
    fromCommandLine: sampleInfo.farm,
    saved: [] as string[],
    effective: sampleInfo.farm,
  };
  let farmEndpoints: FarmEndpointStatus[] = [];
  const jobs = fakeJobs(events);
  const handlers: InvokeHandlers = {
    ...jobs.handlers,
    'app:info': async () => ok(sampleInfo),
    'app:logs': async () => ok({ entries: [] }),
    'graph:inspect': async ({ model }) => ok({ ...sampleInspection, path: model }),
    'graph:fidelity': async ({ model }) => ok(jobs.start('graph-fidelity', model, sampleFidelity)),
    'graph:build': async ({ model, scenario }) =>
      ok(jobs.start('graph-build', model, sampleArtifact(scenario), 'running the prefill graph')),
    'settings:get': async ({ key }) => ok({ key, value: settings.get(key) } as SettingEntry),
    'settings:set': async (entry) => {
      settings.set(entry.key, entry.value);
      events.emit('settings:onDidChange', entry);
      return ok(entry);
    },
    'device:list': async () => ok(sampleFarm),
    'device:details': async ({ key }) => ok({ ...sampleDetails, key }),
    'device:push': async ({ key }) =>
      ok(
        jobs.start('device-push', key, {
          remotePath: '/data/local/tmp/edge-studio/cache/x',
          sha256: 'x',
          bytes: 1024,
          skipped: false,
        }),
      ),
    'device:watch': async ({ key }) => {
      for (let n = 0; n < 4; n++) events.emit('device:onDidSample', sampleVitals(key, n));
      return ok({ until: Date.now() + 10_000 });
    },
    'farm:getHosts': async () => ok(farmHosts),
    'farm:setHosts': async ({ saved }) => {
      farmHosts = { ...farmHosts, saved, effective: [...farmHosts.fromCommandLine, ...saved] };
      return ok(farmHosts);
    },
    'farm:getEndpoints': async () => ok({ endpoints: farmEndpoints }),
    'farm:setEndpoints': async ({ saved }) => {
      const known = new Map(farmEndpoints.map((endpoint) => [endpoint.address, endpoint]));
      farmEndpoints = saved.map(
        (address) => known.get(address) ?? { address, status: 'connecting', message: null },
      );
      events.emit('farm:onDidChangeEndpoints', { endpoints: farmEndpoints });
      return ok({ endpoints: farmEndpoints });
    },
    'runtime:list': async () => ok({ bundles: [] }),
    'runtime:add': async ({ dir }) => fail('not-found', `no runtime bundle in ${dir}`),
    'runtime:remove': async ({ id }) => fail('not-found', `no registered runtime ${id}`),
    'run:start': async ({ device }) => fail('not-found', `No phone ${device} in the farm`),
    'run:stop': async () => ok({ stopped: false }),
    'run:list': async () => ok({ runs: [] }),
    'run:get': async ({ runId }) => fail('not-found', `No run ${runId}`),
    'run:samples': async ({ runId }) => fail('not-found', `No run ${runId}`),
    'run:delete': async ({ runId }) => fail('not-found', `No run ${runId}`),
    'profile:list': async () => ok({ profiles: [] }),
    'profile:get': async ({ file }) => fail('not-found', `No profile ${file}`),
    'profile:save': async ({ file }) => ok({ file }),
    'profile:validate': async () =>
      ok({ valid: true, issues: [], gridPoints: 1, skippedPoints: 0 }),
    'sweep:start': async () => fail('not-found', 'No ready phone of the farm matches the profile'),
    'sweep:stop': async () => ok({ stopped: false }),
    'sweep:resume': async ({ sweepId }) => fail('not-found', `No sweep ${sweepId}`),
    'sweep:list': async () => ok({ sweeps: [] }),
    'sweep:get': async ({ sweepId }) => fail('not-found', `No sweep ${sweepId}`),
    ...fakeCompareHandlers,
    ...overrides,
  };
  return { handlers, events, jobs };
}

/** Renders the whole shell over an in-process studio built from the contract. */
export function renderApp(overrides: Partial<InvokeHandlers> = {}) {
  const { handlers, events } = fakeHandlers(overrides);
  const studio = createLocalStudio(handlers, events);
  const view = render(
    <ErrorCenterProvider>
      <StudioProvider host={{ studio, kind: 'local' }}>
        <App />
      </StudioProvider>
    </ErrorCenterProvider>,
  );
  return { ...view, events, studio };
}
