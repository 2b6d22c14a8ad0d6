import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import type { Benchmark } from './benchmark';

const root = resolve(import.meta.dirname, '../..');
const entry = resolve(root, 'renderer/features/runs/run-chart-1m-bench.tsx');
const samples = 1_000_000;
const liveSeconds = 5;

/** What the bench page answers (see run-chart-1m-bench.tsx). */
interface BenchPage {
  runChartBench(options: { samples: number; liveSeconds: number }): Promise<{
    loadMs: number;
    samples: number;
    frames: number;
    seconds: number;
    p95FrameMs: number;
    memoryPoints: number;
  }>;
}

/** The bench page's script: the run charts and the real stream store, bundled by vite. */
async function benchScript(): Promise<string> {
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['iife'], name: 'runChartBench', fileName: 'bench' },
    },
  })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
  const [first] = Array.isArray(output) ? output : [output];
  const chunk = first?.output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite built no bench script');
  return chunk.code;
}

/**
 * The Runs page's charts of one live run fed 1 M outside samples (memory, CPU, thermal) through
 * the RunStreamStore, then live batches every 50 ms: the frame rate while the charts follow the
 * stream, in Chromium. The store folds every sample; the charts get LTTB-downsampled series and
 * redraw as the Runs page paces a live run's charts (each card at most every 500 ms, in turns).
 * Baseline: the same page's frame rate with no samples (what an idle page gets here).
 */
export const chart1m: Benchmark = {
  name: 'chart-1m',
  description: `run charts following a live run of ${samples / 1e6} M samples, frames per second in Chromium over ${liveSeconds} s`,
  async run() {
    const script = await benchScript();
    const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions() });
    try {
      const measure = async (count: number) => {
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        await page.setContent('<!doctype html><div id="root"></div>');
        await page.addScriptTag({ content: script });
        // The page's global is typed in the renderer's tsconfig; here, as the page answers it.
        const result = await page.evaluate(
          (options) => (globalThis as unknown as BenchPage).runChartBench(options),
          {
            samples: count,
            liveSeconds,
          },
        );
        await page.close();
        return result;
      };
      const idle = await measure(0);
      const full = await measure(samples);
      const fps = full.frames / full.seconds;
      console.log(
        `  ${full.samples} samples folded in ${Math.round(full.loadMs)} ms; ${full.frames} frames in ${full.seconds.toFixed(1)} s, p95 frame ${full.p95FrameMs.toFixed(1)} ms; memory lines drawn: ${full.memoryPoints}`,
      );
      return {
        value: fps,
        unit: 'fps',
        goal: { op: '>=', value: 50 },
        baseline: { label: 'same page, no samples', value: idle.frames / idle.seconds },
      };
    } finally {
      await browser.close();
    }
  },
};
