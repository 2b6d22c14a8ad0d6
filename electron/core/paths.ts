import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data dir shared by Electron, the web host and the CLI: `--data`, else
 * `$XDG_DATA_HOME/edge-studio`, else `~/.local/share/edge-studio`.
 */
export function resolveDataDir(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (option) return resolve(option);
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share');
  return join(base, 'edge-studio');
}

let cachedRoot: string | undefined;

/** The folder holding the studio's package.json, found from this module's location. */
export function studioRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!isStudioPackage(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the edge-studio package.json');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

function isStudioPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
  return manifest.name === 'edge-studio';
}

/** The studio's version from its package.json. */
export function studioVersion(): string {
  const manifest = JSON.parse(readFileSync(join(studioRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Where the built renderer lives (shared by the Electron window and the web host). */
export function rendererDir(): string {
  return join(studioRoot(), 'out', 'renderer');
}
