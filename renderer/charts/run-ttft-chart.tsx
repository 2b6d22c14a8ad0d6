import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartTableData } from './chart-table';
import { ChartFrame, everyTick, runColors } from './run-chart-parts';

/** One repetition's time to first token. */
export interface TtftPoint {
  rep: number;
  ttftMs: number;
  warmup: boolean;
  throttled?: boolean;
}

/** The median of the measured repetitions so far, after repetition `rep`, with its 95 % CI. */
export interface RunningMedianPoint {
  rep: number;
  medianMs: number;
  ciLowMs: number;
  ciHighMs: number;
}

/** The chart's props: plain arrays, in repetition order. */
export interface RunTtftChartProps {
  points: readonly TtftPoint[];
  median?: readonly RunningMedianPoint[];
  width?: number;
  height?: number;
}

const band = (point: RunningMedianPoint) => [point.ciLowMs, point.ciHighMs];

/** The points split by how they are drawn: measured, warm-up and throttled (measured). */
function splitPoints(points: readonly TtftPoint[]) {
  return {
    measured: points.filter((point) => !point.warmup && !point.throttled),
    warmup: points.filter((point) => point.warmup),
    throttled: points.filter((point) => !point.warmup && point.throttled),
  };
}

/** The table view: one row per repetition, with the running median after it where known. */
export function ttftTable({ points, median = [] }: RunTtftChartProps): ChartTableData {
  const byRep = new Map(median.map((point) => [point.rep, point]));
  return {
    columns: [
      'repetition',
      'TTFT (ms)',
      'warm-up',
      'throttled',
      'median (ms)',
      'CI low (ms)',
      'CI high (ms)',
    ],
    rows: points.map((point) => {
      const running = byRep.get(point.rep);
      return [
        point.rep,
        point.ttftMs,
        point.warmup ? 'yes' : 'no',
        point.throttled ? 'yes' : 'no',
        running?.medianMs ?? null,
        running?.ciLowMs ?? null,
        running?.ciHighMs ?? null,
      ];
    }),
  };
}

/**
 * TTFT per repetition (ms): measured points, warm-up ones in grey diamonds, throttled ones as
 * red crosses, with the running median of the measured ones and its 95 % CI band. Pure.
 */
export function RunTtftChart({
  points,
  median = [],
  width = 560,
  height = 240,
}: RunTtftChartProps) {
  const series = useMemo(() => splitPoints(points), [points]);
  const empty =
    points.length === 0 && "No TTFT yet: a point appears as each repetition's first token does.";
  return (
    <ChartFrame empty={empty}>
      <ComposedChart
        width={width}
        height={height}
        data={median as RunningMedianPoint[]}
        margin={{ top: 8, right: 16, left: 0, bottom: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="rep"
          type="number"
          domain={['dataMin', 'dataMax']}
          allowDecimals={false}
          interval={everyTick}
          label={{ value: 'repetition (#)', position: 'insideBottom', offset: -8 }}
        />
        <YAxis unit=" ms" domain={['auto', 'auto']} width={72} interval={everyTick} />
        <Tooltip />
        <Legend verticalAlign="top" />
        <Area
          dataKey={band}
          name="95 % CI of the median (ms)"
          fill={runColors.band}
          fillOpacity={0.15}
          stroke="none"
          isAnimationActive={false}
        />
        <Line
          dataKey="medianMs"
          name="running median (ms)"
          stroke={runColors.median}
          dot={false}
          isAnimationActive={false}
        />
        <Scatter
          data={series.measured}
          dataKey="ttftMs"
          name="TTFT (ms)"
          fill={runColors.measured}
          isAnimationActive={false}
        />
        <Scatter
          data={series.warmup}
          dataKey="ttftMs"
          name="warm-up TTFT (ms)"
          fill={runColors.warmup}
          shape="diamond"
          isAnimationActive={false}
        />
        <Scatter
          data={series.throttled}
          dataKey="ttftMs"
          name="throttled TTFT (ms)"
          fill={runColors.throttled}
          shape="cross"
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}
