import { describe, expect, it } from 'vitest';
import { eventChannels, invokeChannelNames, invokeChannels, invokeResultSchema } from './contract';
import { dispatchInvoke } from './dispatch';
import { fail, ok } from './result';
import type { InvokeHandlers } from './contract';
import { fakeCompareHandlers } from './testing/fake-compare-handlers';

const handlers: InvokeHandlers = {
  'app:info': async () => {
    throw new Error('not called in these tests');
  },
  'app:logs': async () => ok({ entries: [] }),
  'graph:inspect': async () => {
    throw new Error('not called in these tests');
  },
  'graph:fidelity': async () => {
    throw new Error('not called in these tests');
  },
  'graph:build': async () => {
    throw new Error('not called in these tests');
  },
  'settings:get': async ({ key }) =>
    ok({ key: 'ui.theme', value: key === 'ui.theme' ? 'dark' : 'light' }),
  'settings:set': async (entry) => ok(entry),
  'device:list': async () => ok({ hosts: [], devices: [] }),
  'device:details': async () => {
    throw new Error('not called in these tests');
  },
  'device:push': async () => {
    throw new Error('not called in these tests');
  },
  'job:list': async () => ok({ jobs: [] }),
  'job:get': async ({ jobId }) => fail('not-found', `No job ${jobId}`),
  'job:cancel': async () => ok({ cancelled: false }),
  'farm:getHosts': async () => ok({ fromCommandLine: [], saved: [], effective: [] }),
  'device:watch': async () => {
    throw new Error('not called in these tests');
  },
  'farm:setHosts': async ({ saved }) => ok({ fromCommandLine: [], saved, effective: saved }),
  'farm:getEndpoints': async () => ok({ endpoints: [] }),
  'farm:setEndpoints': async ({ saved }) =>
    ok({ endpoints: saved.map((address) => ({ address, status: 'connecting', message: null })) }),
  'runtime:list': async () => ok({ bundles: [] }),
  'runtime:add': async ({ dir }) => fail('not-found', `no runtime bundle in ${dir}`),
  'runtime:remove': async ({ id }) => fail('not-found', `no registered runtime ${id}`),
  'run:start': async () => ok({ runId: 'r1' }),
  'run:stop': async () => ok({ stopped: false }),
  'run:list': async () => ok({ runs: [] }),
  'run:get': async ({ runId }) => fail('not-found', `No run ${runId}`),
  'run:samples': async () => ok({ samples: [], more: false }),
  'run:delete': async ({ runId }) => fail('not-found', `No run ${runId}`),
  'profile:list': async () => ok({ profiles: [] }),
  'profile:get': async ({ file }) => fail('not-found', `No profile ${file}`),
  'profile:save': async ({ file }) => ok({ file }),
  'profile:validate': async () => ok({ valid: true, issues: [], gridPoints: 1, skippedPoints: 0 }),
  'sweep:start': async () => ok({ sweepId: 's1' }),
  'sweep:stop': async () => ok({ stopped: false }),
  'sweep:resume': async ({ sweepId }) => fail('not-found', `No sweep ${sweepId}`),
  'sweep:list': async () => ok({ sweeps: [] }),
  'sweep:get': async ({ sweepId }) => fail('not-found', `No sweep ${sweepId}`),
  ...fakeCompareHandlers,
};

describe('contract schemas', () => {
  it('names every channel domain:verb', () => {
    for (const name of [...invokeChannelNames, ...Object.keys(eventChannels)]) {
      expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    }
  });

  it.each([
    ['app:info', { extra: 1 }],
    ['app:info', null],
    ['settings:get', { key: 'ui.nope' }],
    ['settings:set', { key: 'ui.theme', value: 'purple' }],
    ['settings:set', { key: 'ui.reducedMotion', value: 'yes' }],
    ['settings:set', { key: 'ui.theme' }],
    ['farm:setHosts', { saved: ['phone-farm'] }],
    ['farm:setHosts', { saved: ['10.0.0.2:99999'] }],
    ['farm:setHosts', { saved: ['a b:5037'] }],
    ['farm:setEndpoints', { saved: ['192.168.1.7'] }],
    ['farm:setEndpoints', { saved: ['-H evil:5555'] }],
    ['farm:setEndpoints', { saved: ['::1:5555'] }],
    ['device:details', { key: '' }],
    ['job:get', { jobId: '' }],
    ['job:get', {}],
    ['job:cancel', { jobId: 'x'.repeat(65) }],
    ['job:list', { all: true }],
    ['graph:build', { model: 'm', scenario: { chunk: 1, sink: 0, window: 1 }, buildId: 'old' }],
  ] as const)('rejects %s args %j', (channel, args) => {
    expect(invokeChannels[channel].args.safeParse(args).success).toBe(false);
  });

  it('rejects bad event payloads', () => {
    expect(
      eventChannels['app:onDidLog'].safeParse({ time: 1, level: 'loud', source: 'x', message: 'm' })
        .success,
    ).toBe(false);
    expect(
      eventChannels['settings:onDidChange'].safeParse({ key: 'ui.theme', value: 3 }).success,
    ).toBe(false);
  });

  it('checks job snapshots by kind: a result must fit its kind, a state the run states', () => {
    const job = {
      id: 'j1',
      kind: 'device-push',
      subject: 'phone',
      label: 'push',
      state: 'pushing',
      progress: { fraction: 0.5, message: 'pushing' },
      startedAt: 1,
      endedAt: null,
      error: null,
      result: null,
    };
    const schema = eventChannels['job:onDidChange'];
    expect(schema.safeParse(job).success).toBe(true);
    const pushed = { remotePath: '/x', sha256: 'ab', bytes: 1, skipped: false };
    expect(schema.safeParse({ ...job, state: 'finished', result: pushed }).success).toBe(true);
    expect(schema.safeParse({ ...job, kind: 'graph-build', result: pushed }).success).toBe(false);
    expect(schema.safeParse({ ...job, state: 'paused' }).success).toBe(false);
    expect(schema.safeParse({ ...job, progress: { fraction: 2, message: '' } }).success).toBe(
      false,
    );
    expect(invokeResultSchema('job:list').safeParse(ok({ jobs: [job] })).success).toBe(true);
  });

  it('rejects results that are neither ok nor a known error', () => {
    const schema = invokeResultSchema('settings:get');
    expect(schema.safeParse({ ok: true, value: { key: 'ui.theme', value: 'dark' } }).success).toBe(
      true,
    );
    expect(schema.safeParse({ ok: false, error: { code: 'whatever', message: 'x' } }).success).toBe(
      false,
    );
    expect(schema.safeParse({ ok: true }).success).toBe(false);
  });
});

describe('dispatchInvoke', () => {
  const failOnLog = (message: string) => expect.fail(`unexpected log: ${message}`);

  it('answers unknown channels and bad args with error values', async () => {
    expect(await dispatchInvoke(handlers, 'app:nuke', {}, failOnLog)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await dispatchInvoke(handlers, '__proto__', {}, failOnLog)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    const bad = await dispatchInvoke(
      handlers,
      'settings:set',
      { key: 'ui.theme', value: 'purple' },
      failOnLog,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(!bad.ok && bad.error.message).toContain('value');
  });

  it('passes parsed args to the handler', async () => {
    expect(await dispatchInvoke(handlers, 'settings:get', { key: 'ui.theme' }, failOnLog)).toEqual(
      ok({ key: 'ui.theme', value: 'dark' }),
    );
  });
});
