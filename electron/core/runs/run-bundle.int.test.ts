import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, startRunFarm, type RunFarm } from './testing-run-farm';
import { isEvent, runnersOnPhone, smallRun, waitForSample } from './testing-run-waits';

// What runs on the phone is the bundle pushed into its content-addressed cache, not the host's
// build folder: the runner's command line names device paths only.
let farm: RunFarm;

beforeAll(async () => {
  farm = await startRunFarm(['sd8gen3']);
}, 120_000);

afterAll(async () => {
  await farm.stop();
});

describe('the runner of a run', () => {
  it('runs from the pushed bundle under rt/<hash>/, with device paths only', async () => {
    const bundles = await farm.studio.invoke('runtime:list', {});
    if (!bundles.ok) throw new Error(bundles.error.message);
    const built = bundles.value.bundles.find((bundle) => bundle.id === 'built:x86_64')!;
    const rt = `/data/local/tmp/edge-studio/rt/${built.hash}/`;
    const run = await startRun(farm, { ...smallRun, device: farm.keyOf(0), repetitions: 300 });
    await waitForSample(run, isEvent('first_token'));
    const [runner, ...others] = await runnersOnPhone(farm.phones[0]!);
    expect(others).toEqual([]);
    // The loader-style launch: loader, its library path, the runner, the plan; all on the phone.
    expect(runner!.argv[0]).toBe(`${rt}ld-linux-x86-64.so.2`);
    expect(runner!.argv).toContain(`${rt}edge-runner`);
    expect(runner!.argv.at(-1)).toBe(
      `/data/local/tmp/edge-studio/runs/${run.runId}/timed/plan.json`,
    );
    const paths = runner!.argv.filter((arg) => arg.startsWith('/'));
    expect(paths.every((path) => path.startsWith('/data/local/tmp/edge-studio/'))).toBe(true);
    expect(runner!.argv.some((arg) => arg.includes(built.dir))).toBe(false);
    // The host process the phone runs reads its bundle from the phone's sandbox, not out/runtime.
    const child = farm.phones[0]!.processes.get(runner!.pid)!.child!;
    expect(child.spawnargs.some((arg) => arg.startsWith(built.dir))).toBe(false);
    // What it mapped: ORT and the runner from the phone's copy of rt/<hash>/, none from out/.
    const mapped = (await readFile(`/proc/${child.pid}/maps`, 'utf8'))
      .split('\n')
      .map((line) => line.split(/\s+/).slice(5).join(' '))
      .filter((path) => path.includes('libonnxruntime') || path.endsWith('edge-runner'));
    expect(mapped.some((path) => path.endsWith(`/rt/${built.hash}/libonnxruntime.so.1`))).toBe(
      true,
    );
    expect(mapped.some((path) => path.startsWith(built.dir))).toBe(false);
    expect(await farm.studio.invoke('run:stop', { runId: run.runId })).toMatchObject({ ok: true });
    expect((await run.ended).state).toBe('cancelled');
  }, 120_000);
});
