import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartTableData } from './chart-table';
import { ChartFrame, categoryInterval, everyTick, runColors } from './run-chart-parts';

/** One repetition's decode throughput. */
export interface DecodePoint {
  rep: number;
  tokS: number;
  warmup: boolean;
  throttled?: boolean;
}

/** The chart's props: repetitions in order, and the median of the measured ones when known. */
export interface RunDecodeChartProps {
  points: readonly DecodePoint[];
  medianTokS?: number | null;
  width?: number;
  height?: number;
}

/** The table view: one row per repetition. */
export function decodeTable({ points }: Pick<RunDecodeChartProps, 'points'>): ChartTableData {
  return {
    columns: ['repetition', 'decode (tok/s)', 'warm-up', 'throttled'],
    rows: points.map((point) => [
      point.rep,
      point.tokS,
      point.warmup ? 'yes' : 'no',
      point.throttled ? 'yes' : 'no',
    ]),
  };
}

function barColor(point: DecodePoint) {
  if (point.warmup) return runColors.warmup;
  return point.throttled ? runColors.throttled : runColors.measured;
}

/**
 * Decode throughput per repetition (tok/s): warm-up bars grey, throttled ones red, and the
 * measured median as a dashed line. Pure.
 */
export function RunDecodeChart({
  points,
  medianTokS = null,
  width = 560,
  height = 220,
}: RunDecodeChartProps) {
  const empty =
    points.length === 0 && 'No decode yet: a bar appears as each repetition finishes decoding.';
  return (
    <ChartFrame empty={empty}>
      <BarChart
        width={width}
        height={height}
        data={points as DecodePoint[]}
        margin={{ top: 16, right: 16, left: 0, bottom: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="rep"
          interval={categoryInterval(points.length, width)}
          label={{ value: 'repetition (#)', position: 'insideBottom', offset: -8 }}
        />
        <YAxis unit=" tok/s" width={80} interval={everyTick} />
        <Tooltip />
        <Bar dataKey="tokS" name="decode (tok/s)" isAnimationActive={false}>
          {points.map((point) => (
            <Cell
              key={`${point.warmup ? 'w' : 'm'}${point.rep}`}
              fill={barColor(point)}
              className={point.warmup ? 'warmup' : undefined}
            />
          ))}
        </Bar>
        {medianTokS !== null && (
          <ReferenceLine
            y={medianTokS}
            stroke={runColors.median}
            strokeDasharray="4 3"
            label={{
              value: `median ${medianTokS.toFixed(1)} tok/s`,
              position: 'insideTopRight',
              fontSize: 11,
            }}
          />
        )}
      </BarChart>
    </ChartFrame>
  );
}
