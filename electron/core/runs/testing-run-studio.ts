/**
 * A studio in a child process for the SIGKILL test: a studio core on data dir `argv[2]` over the
 * adb server on port `argv[3]` starts the run `argv[5]` (JSON, its `device` set to `argv[4]`) and
 * prints `run ID`, then `batch I` with the last sample index of each batch once it is persisted
 * (the recorder writes a batch to the store before it sends it), until it is SIGKILLed.
 */
import { createLocalStudio } from '../../../shared/local-studio';
import { adbServerAt } from '../devices/adb-server';
import { createStudioCore } from '../studio-core';

async function main(): Promise<void> {
  const [dataDir, port, device, request] = process.argv.slice(2);
  if (!dataDir || !port || !device || !request) throw new Error('usage: DIR PORT DEVICE REQUEST');
  const address = adbServerAt(`127.0.0.1:${port}`);
  if (!address.ok) throw new Error(address.error.message);
  const core = createStudioCore({ host: 'cli', dataDir, farm: [address.value] });
  const studio = createLocalStudio(core.handlers, core.events);
  studio.on('run:metrics', (batch) => {
    process.stdout.write(`batch ${batch.samples.at(-1)?.i ?? -1}\n`);
  });
  studio.on('run:onDidChangeState', (change) => {
    process.stdout.write(`state ${change.state}\n`);
  });
  for (let tries = 0; ; tries++) {
    const listed = await studio.invoke('device:list', {});
    const up = listed.ok ? listed.value.devices : [];
    if (up.some((each) => each.key === device && each.state === 'device')) break;
    if (tries > 300) throw new Error(`${device} never came up`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const started = await studio.invoke('run:start', { ...JSON.parse(request), device });
  if (!started.ok) throw new Error(started.error.message);
  process.stdout.write(`run ${started.value.runId}\n`);
}

void main();
