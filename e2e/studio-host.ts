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
  /** Sends a signal to the serve process (SIGUSR1 toggles the first emulated phone). */
  signal(name: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/** Extra arguments: global ones before `serve` (e.g. `--adb`), serve's own after it. */
export interface StudioHostOptions {
  globalArgs?: string[];
  serveArgs?: string[];
}

/** Runs `edge-studio serve --port 0` and waits for its URL line. */
export async function startStudioHost(options: StudioHostOptions = {}): Promise<StudioHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-studio-e2e-'));
  const child = spawn(
    process.execPath,
    [
      join(root, 'electron/cli/edge-studio.mjs'),
      '--data',
      dataDir,
      ...(options.globalArgs ?? []),
      'serve',
      '--port',
      '0',
      ...(options.serveArgs ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await firstUrlLine(child);
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    signal: (name) => void child.kill(name),
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
