import type { ReactNode } from 'react';
import { XAxis } from 'recharts';

/** The colours the run charts share, so a metric looks the same on every chart. */
export const runColors = {
  measured: '#2f6fde',
  warmup: '#9aa4b2',
  median: '#1d3f8a',
  band: '#2f6fde',
  compute: '#2f6fde',
  state: '#e07b39',
  rss: '#2f6fde',
  pss: '#3aa675',
  peak: '#d9482b',
  weights: '#7b5cc4',
  stateMemory: '#e0a030',
  throttled: '#d9482b',
} as const;

/** Colours for one line per CPU, reused in turn when a phone has more cores. */
export const cpuColors = ['#2f6fde', '#e07b39', '#3aa675', '#d9482b', '#7b5cc4', '#e0a030'];

/**
 * Tick spacing for a numeric axis: every one of its nice ticks (five by default, which fit).
 * Recharts' default thins ticks by measuring each label in the DOM, a forced layout per tick
 * on every redraw of a live chart.
 */
export const everyTick = 0;

/**
 * Every n-th label of a category axis of `count` values drawn `widthPx` wide, so the labels
 * shown get about `labelPx` each, without measuring them.
 */
export function categoryInterval(count: number, widthPx: number, labelPx = 36): number {
  const most = Math.max(2, Math.floor(widthPx / labelPx));
  return Math.max(0, Math.ceil(count / most) - 1);
}

const mebibyte = 1024 * 1024;

/** Bytes as MiB (one decimal), the unit of the memory axes. */
export function toMib(bytes: number): number {
  return Math.round((bytes / mebibyte) * 10) / 10;
}

/** Milliseconds since the runner's launch as seconds (three decimals), the time axes' unit. */
export function toSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/**
 * A live chart and, while it has no data, what it is waiting for over it. The chart is drawn
 * (empty) all the same, in the same place of the tree, so its first data is an update of a
 * mounted chart rather than a mount: a recharts chart's mount is its costliest draw, and a live
 * run's charts would otherwise all mount on its first events, blocking the tab that reads them
 * (stream-latency). Plain markup, so it renders in Node too.
 */
export function ChartFrame({ empty, children }: { empty: ReactNode; children: ReactNode }) {
  return (
    <div className="chart-frame">
      {empty ? <ChartEmpty>{empty}</ChartEmpty> : null}
      {children}
    </div>
  );
}

const secondsOf = (point: { t: number }) => toSeconds(point.t);
const timelineDomain = ['dataMin', 'dataMax'];

/**
 * A timeline's x axis: seconds since the runner's launch, every nice tick. An element rather
 * than a component: recharts reads the axes among its chart's own children.
 */
export function secondsAxis() {
  return (
    <XAxis
      dataKey={secondsOf}
      type="number"
      unit=" s"
      domain={timelineDomain}
      interval={everyTick}
    />
  );
}

/** What a chart shows before it has data; plain markup, so it renders in Node too. */
export function ChartEmpty({ children }: { children: ReactNode }) {
  return (
    <p className="chart-empty" role="status">
      {children}
    </p>
  );
}
