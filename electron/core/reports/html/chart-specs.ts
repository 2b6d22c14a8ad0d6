import type { CompareParetoChartProps } from '../../../../renderer/charts/compare-pareto-chart';
import type { CompareTtftWindowChartProps } from '../../../../renderer/charts/compare-ttft-window-chart';
import type { RunPrefillTimelineChartProps } from '../../../../renderer/charts/run-prefill-timeline-chart';

/** Every chart a report draws has a fixed size: nothing in the worker measures. */
type Sized<T> = T & { width: number; height: number };

/**
 * A chart a report draws: which `renderer/charts/` component, and its props (plain data, so it
 * crosses to the worker that draws it).
 */
export type ChartSpec =
  | { kind: 'prefill-timeline'; props: Sized<RunPrefillTimelineChartProps> }
  | { kind: 'compare-ttft-window'; props: Sized<CompareTtftWindowChartProps> }
  | { kind: 'compare-pareto'; props: Sized<CompareParetoChartProps> };

/** The kinds of chart a report can draw. */
export type ChartKind = ChartSpec['kind'];
