import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdbServer } from './devices/farm-hosts';
import { createStudioCore, type StudioCore } from './studio-core';

/** A fresh data dir under the system temp dir, removed by `cleanup`. */
export function tempDataDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'edge-studio-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real core (real SQLite file) in a temp data dir, for tests of the hosts. */
export function tempCore(): StudioCore & { dataDir: string; dispose(): void } {
  const data = tempDataDir();
  const local = defaultAdbServer({});
  const farm = local.ok ? [local.value] : [];
  const core = createStudioCore({ host: 'web', dataDir: data.dir, farm });
  return {
    ...core,
    dataDir: data.dir,
    dispose: () => {
      core.close();
      data.cleanup();
    },
  };
}
