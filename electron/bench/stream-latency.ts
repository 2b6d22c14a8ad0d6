import { chromium, type Page } from 'playwright-core';
import { quantile } from 'simple-statistics';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { RunsPage } from '../../e2e/pages/runs-page';
import { privateAdb } from '../../e2e/private-adb';
import { startStudioHost } from '../../e2e/studio-host';
import { runAdb } from '../emulator/phone-farm';
import { EmulatedPhone } from '../emulator/emulated-phone';
import { startAdbTap, type TappedLine } from './adb-tap';
import type { Benchmark } from './benchmark';

const repetitions = '10';

/** A runner event's identity on both sides (the studio may add or drop fields, never these). */
const keyFields = ['ev', 'rep', 'i', 'warmup', 't_ms', 'ttft_ms', 'ms', 'compute_ms'];
function eventKey(event: Record<string, unknown>): string {
  return keyFields.map((field) => String(event[field] ?? '')).join('|');
}

/**
 * Stamps every `run:metrics` frame of the page's bridge: on arrival, once the store has folded it,
 * and after the next frame has drawn it. Plain JS in a string: it runs in the page before the app.
 * The first listener is added in the socket's constructor, before the bridge adds its own; the
 * second from a microtask, after it: listeners run in order within one dispatch, so the second
 * sees the batch already folded into the store.
 */
const pageTap = `(() => {
  const fields = ${JSON.stringify(keyFields)};
  const key = (event) => fields.map((field) => String(event[field] ?? '')).join('|');
  const now = () => performance.timeOrigin + performance.now();
  const stamps = (globalThis.streamStamps = []);
  // The tab's long tasks (when a batch can only wait): what the tail is made of.
  const longTasks = (globalThis.longTasks = []);
  new PerformanceObserver((list) => {
    for (const task of list.getEntries())
      longTasks.push({ at: performance.timeOrigin + task.startTime, ms: task.duration });
  }).observe({ type: 'longtask' });
  const arrivals = new WeakMap();
  const Native = WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (message) => arrivals.set(message, now()));
      queueMicrotask(() =>
        this.addEventListener('message', (message) => {
          const stored = now();
          const frame = JSON.parse(String(message.data));
          if (frame.type !== 'event' || frame.channel !== 'run:metrics') return;
          const keys = frame.payload.samples
            .filter((sample) => sample.kind === 'runner')
            .map((sample) => key(sample.event));
          const arrived = arrivals.get(message);
          requestAnimationFrame(() => stamps.push({ keys, arrived, stored, published: now() }));
        }),
      );
    }
  };
})();`;

interface Latencies {
  stored: number[];
  published: number[];
  arrived: number[];
  unmatched: number;
}

/** Each page stamp matched, in order per key, to the phone's stamp of the same line. */
function match(lines: readonly TappedLine[], stamps: Awaited<ReturnType<typeof readStamps>>) {
  const queues = new Map<string, number[]>();
  for (const { line, at } of lines) {
    const key = eventKey(JSON.parse(line) as Record<string, unknown>);
    queues.set(key, [...(queues.get(key) ?? []), at]);
  }
  const result: Latencies = { stored: [], published: [], arrived: [], unmatched: 0 };
  for (const stamp of stamps)
    for (const key of stamp.keys) {
      const at = queues.get(key)?.shift();
      if (at === undefined) result.unmatched++;
      else {
        result.arrived.push(stamp.arrived - at);
        result.stored.push(stamp.stored - at);
        result.published.push(stamp.published - at);
      }
    }
  return result;
}

/** The page's long tasks (≥ 50 ms) from the phone's first runner line on: how many, the longest. */
async function longTasksFrom(page: Page, from: number) {
  const tasks = await page.evaluate(
    () => (globalThis as unknown as { longTasks: { at: number; ms: number }[] }).longTasks,
  );
  const streaming = tasks.filter((task) => task.at >= from).map((task) => task.ms);
  return { count: streaming.length, longest: Math.max(0, ...streaming) };
}

function readStamps(page: Page) {
  return page.evaluate(
    () =>
      (
        globalThis as unknown as {
          streamStamps: { keys: string[]; arrived: number; stored: number; published: number }[];
        }
      ).streamStamps,
  );
}

/**
 * A runner event emitted on the phone → the sample in the Runs page's store, p95 over a run, web
 * host in Chromium. The runner's lines carry no wall clock, so the phone side is stamped by a TCP
 * hop in front of the emulated phone (adb connects through it) as each line's WRTE packet leaves
 * the phone; the page side by listeners on the bridge's WebSocket before and after the bridge's
 * own (which folds the batch into the store). Both clocks are this machine's. Baseline: the same events' arrival at the page's socket.
 */
export const streamLatency: Benchmark = {
  name: 'stream-latency',
  description: `runner event on an emulated phone to the sample in the renderer's store, p95 over a ${repetitions}-repetition demo run, web host in Chromium`,
  async run() {
    const adb = await privateAdb();
    const phone = new EmulatedPhone({ identity: 'latency' });
    await phone.start();
    const tap = await startAdbTap(phone.port);
    const [host, port] = adb.address.split(':') as [string, string];
    const target = { adbPath: process.env.ADB ?? 'adb', host, port: Number(port) };
    const studio = await startStudioHost({ globalArgs: ['--adb', adb.address] });
    const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions() });
    try {
      const connected = await runAdb(target, ['connect', `127.0.0.1:${tap.port}`]);
      if (!connected.ok) throw new Error(connected.error.message);
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.addInitScript({ content: pageTap });
      await page.goto(`${studio.url}#/runs`);
      const runs = new RunsPage(page);
      // The form offers "No phone ready" until the farm lists the tapped phone: starting before
      // that submits nothing (runs.spec waits for the phone the same way).
      await runs.form
        .getByLabel('Phone')
        .locator('option', { hasText: '(emulated)' })
        .waitFor({ state: 'attached', timeout: 60_000 });
      await runs.start({ chunk: '32', sink: '4', window: '96', repetitions, warmup: '1' });
      await runs.view.waitFor();
      const ended = page.locator(
        '[data-testid="run-view"]:is([data-state="finished"], [data-state="failed"], [data-state="cancelled"])',
      );
      await ended.waitFor({ timeout: 300_000 });
      if ((await ended.getAttribute('data-state')) !== 'finished')
        throw new Error(`the run did not finish: ${await runs.state.textContent()}`);
      const latencies = match(tap.lines, await readStamps(page));
      const p95 = (values: number[]) => quantile(values, 0.95);
      const long = await longTasksFrom(page, tap.lines[0]?.at ?? 0);
      console.log(
        `  ${latencies.stored.length} runner events matched (${latencies.unmatched} not); min ${Math.min(...latencies.stored).toFixed(1)} ms, p50 ${quantile(latencies.stored, 0.5).toFixed(1)} ms; p95 at the socket ${p95(latencies.arrived).toFixed(1)} ms, in the store ${p95(latencies.stored).toFixed(1)} ms, drawn ${p95(latencies.published).toFixed(1)} ms; the tab's long tasks from the first runner line: ${long.count}, the longest ${long.longest.toFixed(0)} ms`,
      );
      return {
        value: p95(latencies.stored),
        unit: 'ms',
        goal: { op: '<=', value: 100 },
        baseline: { label: "arrival at the page's socket", value: p95(latencies.arrived) },
      };
    } finally {
      await browser.close();
      await studio.stop();
      await runAdb(target, ['disconnect', `127.0.0.1:${tap.port}`], 10_000);
      await tap.close();
      await phone.stop();
      adb.kill();
    }
  },
};
