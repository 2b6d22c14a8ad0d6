import { useMemo } from 'react';
import {
  CartesianGrid,
  DefaultLegendContent,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  YAxis,
} from 'recharts';
import type { DefaultLegendContentProps } from 'recharts';
import type { MemoryBreakdown } from '../../shared/run-metrics';
import { countedTwiceNote } from '../../shared/run-words';
import type { ChartTableData } from './chart-table';
import { ChartFrame, secondsAxis, everyTick, runColors, toMib, toSeconds } from './run-chart-parts';
import { thermalBand, throttledDot, type ThermalSpan } from './thermal-band';

/** One memory reading of the runner; `t` in ms since its launch, sizes in bytes. */
export interface MemoryPoint {
  t: number;
  rssBytes: number | null;
  pssBytes: number | null;
  throttled?: boolean;
}

/** The chart's props: readings in time order, the run's breakdown once known, thermal spans. */
export interface RunMemoryChartProps {
  points: readonly MemoryPoint[];
  breakdown?: MemoryBreakdown | null;
  thermal?: readonly ThermalSpan[];
  width?: number;
  height?: number;
}

const seconds = (point: MemoryPoint) => toSeconds(point.t);
const rss = (point: MemoryPoint) => (point.rssBytes === null ? null : toMib(point.rssBytes));
const pss = (point: MemoryPoint) => (point.pssBytes === null ? null : toMib(point.pssBytes));

/** The table view: one row per reading, in s and MiB. */
export function memoryTable({ points }: Pick<RunMemoryChartProps, 'points'>): ChartTableData {
  return {
    columns: ['time (s)', 'RSS (MiB)', 'PSS (MiB)', 'throttled'],
    rows: points.map((point) => [
      seconds(point),
      rss(point),
      pss(point),
      point.throttled ? 'yes' : 'no',
    ]),
  };
}

/** The breakdown's flag when its runtime share is negative (weights and state overcount). */
export function runtimeFlag(breakdown: MemoryBreakdown | null | undefined): string | null {
  if (!breakdown?.runtimeNegative) return null;
  return `runtime ${toMib(breakdown.runtimeBytes)} MiB: weights + KV + memory overcount the peak`;
}

/**
 * The breakdown's flags, as the legend notes them: a negative runtime share, and weights counted
 * twice in the peak (worded as `edge-studio run` prints it). Empty when neither holds.
 */
export function breakdownFlags(breakdown: MemoryBreakdown | null | undefined): string[] {
  const twice = breakdown?.weightsCountedTwice ? countedTwiceNote : null;
  return [runtimeFlag(breakdown), twice].filter((flag) => flag !== null);
}

function breakdownLines(breakdown: MemoryBreakdown) {
  const state = breakdown.kvCacheBytes + breakdown.memoryStateBytes;
  const lines = [
    {
      key: 'weights',
      y: breakdown.weightsBytes,
      color: runColors.weights,
      text: `weights ${toMib(breakdown.weightsBytes)} MiB`,
    },
    {
      key: 'state',
      y: breakdown.weightsBytes + state,
      color: runColors.stateMemory,
      text: `+ KV & memory ${toMib(state)} MiB`,
    },
    {
      key: 'peak',
      y: breakdown.peakBytes,
      color: runColors.peak,
      text: `peak ${toMib(breakdown.peakBytes)} MiB (runtime ${toMib(breakdown.runtimeBytes)} MiB)`,
    },
  ];
  return lines.map((line) => (
    <ReferenceLine
      key={line.key}
      y={toMib(line.y)}
      stroke={line.color}
      strokeDasharray="5 3"
      ifOverflow="extendDomain"
      className={`memory-${line.key}`}
      label={{ value: line.text, position: 'insideBottomLeft', fontSize: 11, fill: line.color }}
    />
  ));
}

function legendWith(flags: readonly string[]) {
  return function MemoryLegend(props: DefaultLegendContentProps) {
    return (
      <div>
        <DefaultLegendContent {...props} />
        {flags.map((flag) => (
          <p key={flag} className="chart-flag" role="note">
            ⚠ {flag}
          </p>
        ))}
      </div>
    );
  };
}

/**
 * The runner's memory over time (MiB): RSS and PSS, throttled readings marked, the thermal band
 * behind, and the peak with its breakdown (weights, + KV & memory) as reference lines; a negative
 * runtime share and weights counted twice are flagged in the legend. Pure.
 */
export function RunMemoryChart({
  points,
  breakdown = null,
  thermal = [],
  width = 560,
  height = 260,
}: RunMemoryChartProps) {
  const flags = breakdownFlags(breakdown).join('\n');
  // Keyed by the flags' text: a new legend component each draw would be remounted each draw.
  const legend = useMemo(() => legendWith(flags === '' ? [] : flags.split('\n')), [flags]);
  const empty =
    points.length === 0 &&
    "No memory readings yet: the runner's RSS and PSS appear as they are sampled.";
  return (
    <ChartFrame empty={empty}>
      <LineChart
        width={width}
        height={height}
        data={points as MemoryPoint[]}
        margin={{ top: 8, right: 16, left: 0, bottom: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {thermalBand(thermal)}
        {secondsAxis()}
        <YAxis unit=" MiB" width={80} domain={[0, 'auto']} interval={everyTick} />
        <Tooltip />
        <Legend verticalAlign="top" content={legend} />
        <Line
          dataKey={rss}
          name="RSS (MiB)"
          stroke={runColors.rss}
          dot={throttledDot}
          isAnimationActive={false}
        />
        <Line
          dataKey={pss}
          name="PSS (MiB)"
          stroke={runColors.pss}
          dot={false}
          isAnimationActive={false}
        />
        {breakdown && breakdownLines(breakdown)}
      </LineChart>
    </ChartFrame>
  );
}
