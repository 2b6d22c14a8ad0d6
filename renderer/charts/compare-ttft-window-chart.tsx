import { useMemo } from 'react';
import { CartesianGrid, ErrorBar, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Configuration } from '../../shared/compare';
import type { ChartTableData } from './chart-table';
import { windowSeries } from './compare-chart-data';
import { ChartEmpty, cpuColors, everyTick } from './run-chart-parts';

/** The chart's props: the configurations of one phone (or the farm); fixed size for reports. */
export interface CompareTtftWindowChartProps {
  configurations: readonly Configuration[];
  width?: number;
  height?: number;
}

/** The table view: one row per configuration drawn, series by series. */
export function ttftWindowTable({
  configurations,
}: Pick<CompareTtftWindowChartProps, 'configurations'>): ChartTableData {
  return {
    columns: [
      'series',
      'window (tokens)',
      'median TTFT (ms)',
      'CI low (ms)',
      'CI high (ms)',
      'runs pooled (n)',
    ],
    rows: windowSeries(configurations).flatMap((series) =>
      series.points.map((point) => [
        series.name,
        point.window,
        point.medianMs,
        point.ciLowMs,
        point.ciHighMs,
        point.n,
      ]),
    ),
  };
}

/**
 * Median TTFT (ms) against the window (tokens), one line per chunk size, each point with its
 * 95 % CI as error bars. Pure: configurations in, SVG out.
 */
export function CompareTtftWindowChart({
  configurations,
  width = 640,
  height = 280,
}: CompareTtftWindowChartProps) {
  const series = useMemo(() => windowSeries(configurations), [configurations]);
  if (series.length === 0) {
    return <ChartEmpty>No measured TTFT to draw against the window yet.</ChartEmpty>;
  }
  return (
    <LineChart width={width} height={height} margin={{ top: 8, right: 24, left: 0, bottom: 16 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="window"
        type="number"
        domain={['dataMin', 'dataMax']}
        allowDuplicatedCategory={false}
        unit=" tok"
        interval={everyTick}
        label={{ value: 'window (tokens)', position: 'insideBottom', offset: -8 }}
      />
      <YAxis unit=" ms" domain={['auto', 'auto']} width={72} interval={everyTick} />
      <Tooltip />
      <Legend verticalAlign="top" />
      {series.map((line, index) => (
        <Line
          key={line.key}
          data={line.points}
          dataKey="medianMs"
          name={`${line.name} (ms)`}
          stroke={cpuColors[index % cpuColors.length]}
          isAnimationActive={false}
        >
          <ErrorBar
            dataKey="errorMs"
            width={6}
            stroke={cpuColors[index % cpuColors.length]}
            isAnimationActive={false}
          />
        </Line>
      ))}
    </LineChart>
  );
}
