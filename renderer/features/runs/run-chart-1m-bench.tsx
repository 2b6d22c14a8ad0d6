import { createRoot } from 'react-dom/client';
import type { StudioApi } from '../../../shared/contract';
import { fail } from '../../../shared/result';
import type { RunMetricsBatch, RunSample } from '../../../shared/run';
import { liveChartPaceMs, RunChartsGrid } from './run-charts-grid';
import { useRunView } from './run-stream-store';

/**
 * The `chart-1m` bench page (built and driven by electron/bench/chart-1m.ts): the run charts of
 * one live run, fed through the real RunStreamStore, with its frame rate read from rAF. Not part
 * of the app.
 */

interface BenchResult {
  loadMs: number;
  samples: number;
  frames: number;
  seconds: number;
  p95FrameMs: number;
  memoryPoints: number;
}

declare global {
  interface Window {
    runChartBench?: (options: { samples: number; liveSeconds: number }) => Promise<BenchResult>;
  }
}

type Listener = (batch: RunMetricsBatch) => void;

/** A studio with no host: `run:metrics` batches are handed to the store's listener directly. */
function benchStudio() {
  const listeners: Listener[] = [];
  const studio = {
    invoke: async () => fail('not-found', 'bench: no store'),
    on: (channel: string, listener: Listener) => {
      if (channel === 'run:metrics') listeners.push(listener);
      return () => undefined;
    },
  } as unknown as StudioApi;
  let seq = 0;
  const emit = (samples: RunSample[]) =>
    listeners.forEach((listener) => listener({ runId: 'bench', seq: ++seq, samples }));
  return { studio, emit };
}

/** An outside sample of a runner whose RSS wanders, every 4 ms of run time. */
function deviceSample(i: number): RunSample {
  const rssKb = 300_000 + Math.round(50_000 * Math.sin(i / 5000) + (i % 97) * 40);
  return {
    i,
    t: i * 4,
    kind: 'device',
    throttled: i % 50_000 < 2_000,
    sample: {
      memory: {
        vmRssKb: rssKb,
        vmHwmKb: 360_000,
        rssAnonKb: null,
        rssFileKb: null,
        pssKb: rssKb - 9000,
      },
      thermal: { status: i % 50_000 < 2_000 ? 'moderate' : 'none', sensors: [], otherSensors: [] },
      battery: null,
      cpuFreqKhz: [1_800_000, 2_400_000 - (i % 3) * 100_000],
      power: null,
    },
  };
}

function Charts({ studio }: { studio: StudioApi }) {
  const view = useRunView(studio, 'bench');
  return (
    <div data-samples={view.series.sampleCount}>
      {/* Paced as the Runs page paces a live run's charts. */}
      <RunChartsGrid series={view.series} summary={null} paceMs={liveChartPaceMs} />
    </div>
  );
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

window.runChartBench = async ({ samples, liveSeconds }) => {
  const { studio, emit } = benchStudio();
  const root = document.getElementById('root')!;
  createRoot(root).render(<Charts studio={studio} />);
  const started = performance.now();
  const batch = 20_000;
  let next = 0;
  for (; next < samples; next += batch) {
    emit(Array.from({ length: Math.min(batch, samples - next) }, (_, k) => deviceSample(next + k)));
    await nextFrame();
  }
  const loadMs = performance.now() - started;
  // Live: a batch of 25 samples every 50 ms (the studio's batcher cadence); the store folds each
  // at once, the charts follow it paced.
  const timer = setInterval(() => {
    emit(Array.from({ length: 25 }, (_, k) => deviceSample(next + k)));
    next += 25;
  }, 50);
  const intervals: number[] = [];
  let last = await nextFrame();
  const until = last + liveSeconds * 1000;
  while (last < until) {
    const now = await nextFrame();
    intervals.push(now - last);
    last = now;
  }
  clearInterval(timer);
  const seconds = intervals.reduce((sum, ms) => sum + ms, 0) / 1000;
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    loadMs,
    samples: next,
    frames: intervals.length,
    seconds,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    memoryPoints: root.querySelectorAll('[aria-label="Memory"] .recharts-line-curve').length,
  };
};
