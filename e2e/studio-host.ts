import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..');

/** A web host started through the real CLI on a free port with a temp data dir. */
export interface StudioHost {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Runs `edge-studio serve --port 0` and waits for its URL line. */
export async function startStudioHost(): Promise<StudioHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-studio-e2e-'));
  const child = spawn(
    process.execPath,
    [join(root, 'electron/cli/edge-studio.mjs'), '--data', dataDir, 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await firstUrlLine(child);
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function firstUrlLine(child: ChildProcess): Promise<string> {
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`edge-studio serve exited with ${code}`))),
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = (async () => {
    for await (const line of lines) {
      const match = /^Edge Studio at (\S+)$/.exec(line);
      if (match?.[1]) return match[1];
    }
    throw new Error('edge-studio serve printed no URL line');
  })();
  return Promise.race([first, exited]);
}
