/**
 * A studio in a child process for the sweep SIGKILL test: a studio core on data dir `argv[2]`
 * over the adb server on port `argv[3]` waits for the phones `argv[4]` (comma-separated keys),
 * starts a sweep of the profile `argv[5]` (JSON) and prints `sweep ID`, then `point KEY DEVICE
 * STATUS RUN` at each point change (once stored: the service writes a point before it tells)
 * and `runner RUN` once a run's runner said hello, until it is SIGKILLed.
 */
import { createLocalStudio } from '../../../shared/local-studio';
import { adbServerAt } from '../devices/adb-server';
import { createStudioCore } from '../studio-core';

async function main(): Promise<void> {
  const [dataDir, port, keys, profile] = process.argv.slice(2);
  if (!dataDir || !port || !keys || !profile) throw new Error('usage: DIR PORT KEYS PROFILE');
  const address = adbServerAt(`127.0.0.1:${port}`);
  if (!address.ok) throw new Error(address.error.message);
  const core = createStudioCore({ host: 'cli', dataDir, farm: [address.value] });
  const studio = createLocalStudio(core.handlers, core.events);
  studio.on('sweep:onDidProgress', ({ point }) => {
    if (!point) return;
    const run = point.runIds.at(-1) ?? '-';
    process.stdout.write(`point ${point.pointKey} ${point.deviceKey} ${point.status} ${run}\n`);
  });
  studio.on('run:metrics', (batch) => {
    const hello = batch.samples.some((s) => s.kind === 'runner' && s.event.ev === 'hello');
    if (hello) process.stdout.write(`runner ${batch.runId}\n`);
  });
  await waitForPhones(studio, keys.split(','));
  const started = await studio.invoke('sweep:start', { profile: JSON.parse(profile) });
  if (!started.ok) throw new Error(started.error.message);
  process.stdout.write(`sweep ${started.value.sweepId}\n`);
}

async function waitForPhones(studio: ReturnType<typeof createLocalStudio>, keys: string[]) {
  for (let tries = 0; ; tries++) {
    const listed = await studio.invoke('device:list', {});
    const up = listed.ok ? listed.value.devices.filter((each) => each.state === 'device') : [];
    if (keys.every((key) => up.some((each) => each.key === key))) return;
    if (tries > 300) throw new Error(`${keys.join(', ')} never came up`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

void main();
