#!/usr/bin/env node
// `npm run demo`: the studio's main job. Opens Electron when its binary is installed (checked as
// a file: Electron's own download is never triggered); otherwise says why in one line and runs the
// web host, opening a browser where there is a display.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const passThrough = process.argv.slice(2);

/** The Electron binary's path when the file is there, else null. */
function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : null;
}

function openBrowser(url) {
  const opener = { darwin: 'open', win32: 'explorer' }[process.platform] ?? 'xdg-open';
  const hasDisplay =
    process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  const found = spawnSync(process.platform === 'win32' ? 'where' : 'which', [opener]).status === 0;
  if (!hasDisplay || !found) {
    console.log('No display or browser opener here: open the URL above in a browser.');
    return;
  }
  spawn(opener, [url], { stdio: 'ignore', detached: true }).unref();
}

function runElectron(binary) {
  const child = spawn(binary, [root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function runWebHost() {
  const cli = join(root, 'electron', 'cli', 'edge-studio.mjs');
  // No phones attached: start 3 emulated ones (labelled emulated everywhere) so the first run is
  // never empty.
  const child = spawn(process.execPath, [cli, ...passThrough, 'serve', '--emulate-if-none', '3'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    console.log(line);
    const url = /^Edge Studio at (\S+)$/.exec(line)?.[1];
    if (url) openBrowser(url);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const binary = electronBinary();
if (binary) {
  runElectron(binary);
} else {
  console.log(
    "Electron's binary is not installed (it downloads on first run, which this machine cannot), so the studio opens in the web host.",
  );
  runWebHost();
}
