import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Energy } from '../../shared/run-metrics';
import type { ChartTableData } from './chart-table';
import { ChartEmpty, runColors } from './run-chart-parts';

/** The chart's props: the run's energy, or null when the phone reported none. */
export interface RunEnergyChartProps {
  energy: Energy | null;
  width?: number;
  height?: number;
}

function phases(energy: Energy) {
  return [
    { phase: 'prefill', uah: energy.prefillUahPerToken, mj: energy.prefillMjPerToken },
    { phase: 'decode', uah: energy.decodeUahPerToken, mj: energy.decodeMjPerToken },
  ];
}

/** The table view: one row per phase, per token in µAh and mJ. */
export function energyTable({ energy }: Pick<RunEnergyChartProps, 'energy'>): ChartTableData {
  return {
    columns: ['phase', 'µAh/token', 'mJ/token'],
    rows: energy ? phases(energy).map(({ phase, uah, mj }) => [phase, uah, mj]) : [],
  };
}

/**
 * Energy per token, prefill vs decode, in µAh (left) and mJ (right); says when the phone was
 * charging (the figures are then not its draw) and renders "not reported" when absent. Pure.
 */
export function RunEnergyChart({ energy, width = 360, height = 200 }: RunEnergyChartProps) {
  if (!energy) {
    return (
      <ChartEmpty>Energy not reported: the phone gave no battery current and voltage.</ChartEmpty>
    );
  }
  return (
    <figure className="run-energy">
      <BarChart
        width={width}
        height={height}
        data={phases(energy)}
        margin={{ top: 8, right: 8, left: 0, bottom: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="phase" />
        <YAxis yAxisId="uah" unit=" µAh" width={72} />
        <YAxis yAxisId="mj" orientation="right" unit=" mJ" width={64} />
        <Tooltip />
        <Legend verticalAlign="top" />
        <Bar
          yAxisId="uah"
          dataKey="uah"
          name="µAh/token"
          fill={runColors.compute}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="mj"
          dataKey="mj"
          name="mJ/token"
          fill={runColors.state}
          isAnimationActive={false}
        />
      </BarChart>
      <figcaption>
        {energy.charging && (
          <strong className="chart-flag">
            Charging: the battery current is not the phone&apos;s draw.{' '}
          </strong>
        )}
        From {energy.samples} battery samples
        {energy.decodeUahPerToken === null ? '; decode not measured' : ''}.
      </figcaption>
    </figure>
  );
}
