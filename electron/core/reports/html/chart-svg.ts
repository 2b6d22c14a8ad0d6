import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { studioRoot } from '../../paths';
import type { ChartSpec } from './chart-specs';

/** What the chart worker answers (chart-render.ts). */
type WorkerAnswer = { ok: true; charts: string[] } | { ok: false; message: string };

/**
 * Draws charts to markup (inline SVG with its legends) in a worker thread that holds a jsdom
 * document (chart-render.ts says why a thread and why jsdom), one worker per call, ended after.
 * The worker is found from the studio's root, so the CLI, the web host and Electron's bundled
 * main start the same file.
 */
export async function renderCharts(specs: readonly ChartSpec[]): Promise<string[]> {
  if (specs.length === 0) return [];
  const worker = new Worker(join(studioRoot(), 'electron/core/reports/html/chart-worker.mjs'));
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the chart worker exited (${code})`)));
      worker.postMessage(specs);
    });
    if (!answer.ok) throw new Error(`drawing the report's charts failed: ${answer.message}`);
    return answer.charts;
  } finally {
    await worker.terminate();
  }
}
