import type { RunPrefillTimelineChartProps } from '../../../../renderer/charts/run-prefill-timeline-chart';

/**
 * A chart a report draws: which `renderer/charts/` component, and its props (plain data, so it
 * crosses to the worker that draws it). Width and height are always fixed: nothing measures.
 */
export type ChartSpec = {
  kind: 'prefill-timeline';
  props: RunPrefillTimelineChartProps & { width: number; height: number };
};

/** The kinds of chart a report can draw. */
export type ChartKind = ChartSpec['kind'];
