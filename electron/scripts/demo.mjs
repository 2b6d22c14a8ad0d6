#!/usr/bin/env node
// `npm run demo`: the studio's main job. Opens Electron when its binary is installed (checked as
// a file: Electron's own download is never triggered); otherwise says why in one line and runs the
// web host, opening a browser where there is a display.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

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
    console.log(`No display or browser opener here: open ${url} in a browser.`);
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
  const emulated = [];
  lines.on('line', (line) => {
    console.log(line);
    const serial = /^Emulated phone (\S+) /.exec(line)?.[1];
    if (serial) emulated.push(serial);
    const url = /^Edge Studio at (\S+)$/.exec(line)?.[1];
    if (!url) return;
    // The demo sweep runs on the emulated farm only: real phones attached are the user's own.
    // The browser opens on its progress once it started (on the studio's first page otherwise).
    if (emulated.length === 0) return openBrowser(url);
    void sweepDemo(url, emulated).then((sweepId) =>
      openBrowser(sweepId ? `${url}#/profiles?sweep=${sweepId}` : url),
    );
  });
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      // A live demo sweep is stopped on the phones first: the studio closing its store under
      // live runs would lose their last samples. A second signal goes straight through.
      if (!liveSweep || stopping) return void child.kill(signal);
      stopping = true;
      void liveSweep.stop().then(() => child.kill(signal));
    });
  }
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** The demo sweep while it runs: `stop()` stops it and resolves once it ended (≤ 10 s). */
let liveSweep = null;

/**
 * Starts the demo sweep (profiles/demo.yaml) in the served studio's core, over its own bridge
 * (`sweep:start`, as the Profiles page would), once the emulated phones are listed ready, and
 * resolves with its id (null when it did not start). It runs beside the open studio: nothing
 * waits on its end, and a failure is one line, never the end of the studio.
 */
async function sweepDemo(url, serials) {
  try {
    const studio = await bridgeOf(url);
    if (!(await phonesReady(studio, serials)))
      throw new Error('the emulated phones were not ready');
    const started = await studio.invoke('sweep:start', { name: 'demo' });
    if (!started.ok) throw new Error(started.error.message);
    const { sweepId } = started.value;
    console.log(
      `Demo sweep ${sweepId} started: profiles/demo.yaml, 16 configurations on ${serials.length} emulated phones. The Runs page lists its runs as they finish (edge-studio sweeps shows it too).`,
    );
    let ended;
    const end = new Promise((resolve) => (ended = resolve));
    liveSweep = {
      stop: async () => {
        await studio.invoke('sweep:stop', { sweepId });
        await Promise.race([end, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      },
    };
    studio.onProgress(sweepId, (progress) => {
      liveSweep = null;
      ended();
      const { done, failed, infeasible, planned } = progress.counts;
      console.log(
        `Demo sweep ${progress.state}: ${done} of ${planned} runs finished, ${failed} failed, ${infeasible} infeasible.`,
      );
      if (progress.state === 'cancelled') return;
      console.log(`Compare its configurations: ${url}#/compare?sweep=${sweepId}`);
      void reportDemo(studio, sweepId);
    });
    return sweepId;
  } catch (error) {
    console.log(`The demo sweep did not start (${error.message}); the studio is still open.`);
    return null;
  }
}

/**
 * Leaves the demo sweep's HTML report (self-contained, opens offline: the file to forward) in
 * the data dir's reports/, as the Reports page's Build would, and prints its path.
 */
async function reportDemo(studio, sweepId) {
  const built = await studio.invoke('report:build', { sweepId, format: 'html' });
  if (!built.ok)
    return void console.log(`The demo report was not written (${built.error.message}).`);
  console.log(`Demo report: ${built.value.file} (open it in a browser; it makes no request).`);
  console.log(`The same as CSV or JSON: edge-studio report ${sweepId} --out FILE.csv`);
}

/** A minimal client of the web host's bridge: invoke, and a sweep's end. */
function bridgeOf(url) {
  const page = new URL(url);
  const socket = new WebSocket(`ws://${page.host}/bridge${page.search}`);
  const waiting = new Map();
  const ended = new Map();
  let nextId = 1;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === 'result') {
      waiting.get(frame.id)?.(frame.result);
      waiting.delete(frame.id);
    }
    const progress =
      frame.type === 'event' && frame.channel === 'sweep:onDidProgress' && frame.payload;
    const terminal = ['finished', 'failed', 'cancelled'];
    if (progress && terminal.includes(progress.state) && ended.has(progress.sweepId)) {
      ended.get(progress.sweepId)(progress);
      ended.delete(progress.sweepId);
    }
  });
  const invoke = (channel, args) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
    });
  const onProgress = (sweepId, listener) => ended.set(sweepId, listener);
  // A studio gone answers nothing more: whatever still waits hears so (the demo's lines say it).
  socket.on('close', () => {
    for (const resolve of waiting.values()) {
      resolve({ ok: false, error: { code: 'disconnected', message: 'the studio closed' } });
    }
    waiting.clear();
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ invoke, onProgress }));
    socket.once('error', reject);
  });
}

/** Whether the studio lists every emulated phone ready (probed) within 30 s. */
async function phonesReady(studio, serials) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const listed = await studio.invoke('device:list', {});
    const ready = listed.ok
      ? listed.value.devices.filter((d) => d.state === 'device' && d.serialno !== null)
      : [];
    if (serials.every((serial) => ready.some((d) => d.serialno === serial))) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
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
