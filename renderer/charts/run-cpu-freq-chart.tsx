import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, YAxis } from 'recharts';
import type { ChartTableData } from './chart-table';
import { ChartFrame, secondsAxis, cpuColors, everyTick, toSeconds } from './run-chart-parts';
import { thermalBand, throttledDot, type ThermalSpan } from './thermal-band';

/** One reading of every CPU's current frequency (kHz, as sysfs gives it); `t` in ms. */
export interface CpuFreqPoint {
  t: number;
  cpuKhz: readonly (number | null)[];
  throttled?: boolean;
}

/** The chart's props: readings in time order and the thermal spans to draw behind. */
export interface RunCpuFreqChartProps {
  points: readonly CpuFreqPoint[];
  thermal?: readonly ThermalSpan[];
  width?: number;
  height?: number;
}

const seconds = (point: CpuFreqPoint) => toSeconds(point.t);

/** How many CPUs the readings cover (the widest reading). */
export function cpuCount(points: readonly CpuFreqPoint[]): number {
  let count = 0;
  for (const point of points) count = Math.max(count, point.cpuKhz.length);
  return count;
}

function mhzOf(cpu: number) {
  return (point: CpuFreqPoint) => {
    const khz = point.cpuKhz[cpu];
    return khz === undefined || khz === null ? null : Math.round(khz / 1000);
  };
}

/** The table view: one row per reading, a column per CPU (MHz). */
export function cpuFreqTable({ points }: Pick<RunCpuFreqChartProps, 'points'>): ChartTableData {
  const cpus = Array.from({ length: cpuCount(points) }, (_, cpu) => mhzOf(cpu));
  return {
    columns: ['time (s)', ...cpus.map((_, cpu) => `cpu${cpu} (MHz)`), 'throttled'],
    rows: points.map((point) => [
      seconds(point),
      ...cpus.map((mhz) => mhz(point)),
      point.throttled ? 'yes' : 'no',
    ]),
  };
}

/**
 * Every CPU's frequency over time (MHz), one line per CPU, the thermal band behind and throttled
 * readings marked on cpu0's line. Pure.
 */
export function RunCpuFreqChart({
  points,
  thermal = [],
  width = 560,
  height = 240,
}: RunCpuFreqChartProps) {
  const count = cpuCount(points);
  // One accessor per CPU, kept while the CPU count holds: recharts then sees the same dataKeys.
  const accessors = useMemo(() => Array.from({ length: count }, (_, cpu) => mhzOf(cpu)), [count]);
  const empty = count === 0 && 'No CPU frequencies yet: they appear as the phone is sampled.';
  return (
    <ChartFrame empty={empty}>
      <LineChart
        width={width}
        height={height}
        data={points as CpuFreqPoint[]}
        margin={{ top: 8, right: 16, left: 0, bottom: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {thermalBand(thermal)}
        {secondsAxis()}
        <YAxis unit=" MHz" width={84} domain={[0, 'auto']} interval={everyTick} />
        <Tooltip />
        <Legend verticalAlign="top" />
        {accessors.map((mhz, cpu) => (
          <Line
            key={cpu}
            dataKey={mhz}
            name={`cpu${cpu} (MHz)`}
            stroke={cpuColors[cpu % cpuColors.length]}
            type="stepAfter"
            dot={cpu === 0 ? throttledDot : false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
