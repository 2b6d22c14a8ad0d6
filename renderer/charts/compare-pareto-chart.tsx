import { useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { Configuration } from '../../shared/compare';
import type { Budgets } from '../../shared/profile';
import type { ChartTableData } from './chart-table';
import {
  frontierLines,
  paretoData,
  type ParetoPoint,
  type UnplottedConfiguration,
} from './compare-chart-data';
import { niceAxis, ParetoLegend, ParetoPointsLayer } from './compare-pareto-points';
import { ChartEmpty, everyTick, runColors } from './run-chart-parts';

/** The chart's props: configurations (measured or not), the budgets to draw; fixed size for reports. */
export interface CompareParetoChartProps {
  configurations: readonly Configuration[];
  budgets?: Budgets;
  width?: number;
  height?: number;
}

const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');

/** The table view: every configuration, drawn or not (those not drawn with their reason). */
export function paretoTable({
  configurations,
}: Pick<CompareParetoChartProps, 'configurations'>): ChartTableData {
  const { points, unplotted } = paretoData(configurations);
  return {
    columns: [
      'configuration',
      'phone',
      'median TTFT (ms)',
      'median peak memory (MiB)',
      'fidelity (cosine)',
      'on the frontier',
      'throttled',
      'status',
    ],
    rows: [
      ...points.map((point) => [
        point.label,
        phoneName(point),
        point.ttftMs,
        point.peakMib,
        point.cosine,
        yesNo(point.pareto),
        yesNo(point.throttled),
        point.overBudget.length > 0 ? `over budget: ${point.overBudget.join('; ')}` : 'measured',
      ]),
      ...unplotted.map((item) => [
        item.label,
        item.deviceKey ?? 'farm',
        null,
        null,
        null,
        'no',
        'no',
        `${item.status}: ${item.reason}`,
      ]),
    ],
  };
}

function phoneName(point: Pick<ParetoPoint, 'deviceKey' | 'emulated'>): string {
  return `${point.deviceKey ?? 'farm'}${point.emulated ? ' (emulated)' : ''}`;
}

/** What could not be drawn, listed under the chart so nothing disappears silently. */
function UnplottedList({ items }: { items: readonly UnplottedConfiguration[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="compare-unplotted" aria-label="Configurations not drawn">
      {items.map((item) => (
        <li key={item.key} data-status={item.status}>
          <span className="compare-status">{item.status}</span> {item.label}
          {item.deviceKey && ` on ${item.deviceKey}`}: {item.reason}
        </li>
      ))}
    </ul>
  );
}

function budgetLines(budgets: Budgets | undefined) {
  return [
    budgets?.maxTtftMs !== undefined && (
      <ReferenceLine
        key="ttft"
        x={budgets.maxTtftMs}
        stroke={runColors.peak}
        strokeDasharray="4 4"
        label={{ value: `TTFT budget ${budgets.maxTtftMs} ms`, position: 'insideTopRight' }}
      />
    ),
    budgets?.maxPeakMemoryMb !== undefined && (
      <ReferenceLine
        key="memory"
        y={budgets.maxPeakMemoryMb}
        stroke={runColors.peak}
        strokeDasharray="4 4"
        label={{ value: `memory budget ${budgets.maxPeakMemoryMb} MiB`, position: 'insideTopLeft' }}
      />
    ),
  ];
}

/** The frontier of each phone, through its points in TTFT order. */
function frontierSeries(points: readonly ParetoPoint[]) {
  return frontierLines(points).map((line, index) => (
    <Line
      key={`frontier-${index}`}
      className="compare-frontier"
      data={line}
      dataKey="peakMib"
      legendType="none"
      stroke={runColors.median}
      strokeWidth={2}
      dot={false}
      isAnimationActive={false}
    />
  ));
}

function ParetoPlot({
  points,
  budgets,
  width,
  height,
}: {
  points: ParetoPoint[];
  budgets?: Budgets;
  width: number;
  height: number;
}) {
  // The points are no recharts item: the axes keep their fixed domain without one
  // (allowDataOverflow), whatever the frontier lines hold. The same elements while the points
  // stay the same, so a budget change (its dashed lines) does not redraw the points.
  const drawn = useMemo(
    () => ({
      x: niceAxis(points.map((point) => point.ttftMs)),
      y: niceAxis(points.map((point) => point.peakMib)),
      frontiers: frontierSeries(points),
      layer: <ParetoPointsLayer points={points} phoneOf={phoneName} />,
    }),
    [points],
  );
  return (
    <>
      <ParetoLegend points={points} />
      <ComposedChart
        width={width}
        height={height}
        margin={{ top: 8, right: 40, left: 0, bottom: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="ttftMs"
          type="number"
          domain={drawn.x.domain}
          ticks={drawn.x.ticks}
          allowDataOverflow
          unit=" ms"
          interval={everyTick}
          label={{ value: 'median TTFT (ms)', position: 'insideBottom', offset: -8 }}
        />
        <YAxis
          dataKey="peakMib"
          type="number"
          domain={drawn.y.domain}
          ticks={drawn.y.ticks}
          allowDataOverflow
          unit=" MiB"
          width={88}
          interval={everyTick}
        />
        {budgetLines(budgets)}
        {drawn.frontiers}
        {drawn.layer}
      </ComposedChart>
    </>
  );
}

/**
 * Median TTFT (ms) × median peak memory (MiB) of every measured configuration, coloured by
 * fidelity (logit cosine), the Pareto frontier drawn through its points, throttled ones crossed,
 * the budgets as dashed lines; infeasible and failed configurations listed under it with their
 * reasons. Pure.
 */
export function CompareParetoChart({
  configurations,
  budgets,
  width = 640,
  height = 320,
}: CompareParetoChartProps) {
  const { points, unplotted } = useMemo(() => paretoData(configurations), [configurations]);
  return (
    <div className="compare-pareto">
      {points.length === 0 ? (
        <ChartEmpty>No measured configuration with a TTFT and a peak memory yet.</ChartEmpty>
      ) : (
        <ParetoPlot points={points} budgets={budgets} width={width} height={height} />
      )}
      <UnplottedList items={unplotted} />
    </div>
  );
}
