import type { ReactElement } from 'react';
import { usePlotArea, useXAxisScale } from 'recharts';
import type { z } from 'zod';
import type { thermalStatusSchema } from '../../shared/device';
import { runColors } from './run-chart-parts';

/** A phone's thermal status, as Android's thermal service names it. */
export type ThermalStatus = z.infer<typeof thermalStatusSchema>;

/** A stretch of a run at one thermal status; times in ms since the runner's launch. */
export interface ThermalSpan {
  from: number;
  to: number;
  status: ThermalStatus;
}

/** The band's fill per status: none is left clear, the rest warm up towards red. */
export const thermalFill: Record<ThermalStatus, string | null> = {
  none: null,
  light: '#f6e7a8',
  moderate: '#f3c77a',
  severe: '#ee9a5a',
  critical: '#e26a4a',
  emergency: '#c8412f',
  shutdown: '#8f1d1d',
};

/**
 * Spans from status readings in time order: a reading's status holds until the next one, and
 * consecutive readings at one status merge. The last span ends at the last reading.
 */
export function thermalSpans(readings: readonly { t: number; status: ThermalStatus }[]) {
  const spans: ThermalSpan[] = [];
  for (const { t, status } of readings) {
    const last = spans.at(-1);
    if (last) last.to = t;
    if (last?.status !== status) spans.push({ from: t, to: t, status });
  }
  return spans.filter((span) => span.to > span.from);
}

/** Where one span is drawn: its status and its edges in pixels, clipped to the plot. */
interface DrawnSpan {
  status: ThermalStatus;
  fill: string;
  left: number;
  right: number;
}

/** The spans hotter than `none` at their pixel edges on `x` (seconds), clipped to the plot. */
function drawnSpans(
  spans: readonly ThermalSpan[],
  x: (seconds: number) => number | undefined,
  plot: { x: number; width: number },
): DrawnSpan[] {
  return spans.flatMap(({ from, to, status }) => {
    const fill = thermalFill[status];
    const [start, end] = [x(from / 1000), x(to / 1000)];
    if (!fill || start === undefined || end === undefined) return [];
    const left = Math.max(plot.x, Math.min(start, end));
    const right = Math.min(plot.x + plot.width, Math.max(start, end));
    return right > left ? [{ status, fill, left, right }] : [];
  });
}

/**
 * The band as one plain SVG layer read off the chart's x scale. Not a ReferenceArea per span:
 * each of those registers with the chart's store again on every redraw (an effect without
 * dependencies), and a long run's dozens of spans made every redraw of a live chart cost
 * hundreds of store updates (chart-1m).
 */
function ThermalBandLayer({ spans }: { spans: readonly ThermalSpan[] }) {
  const x = useXAxisScale();
  const plot = usePlotArea();
  if (!x || !plot) return null;
  const drawn = drawnSpans(spans, (seconds) => x(seconds), plot);
  return (
    <g className="recharts-layer thermal-bands">
      {drawn.map(({ status, fill, left, right }) => (
        <g key={`${left}-${status}`} className={`thermal-band thermal-${status}`}>
          <rect
            x={left}
            y={plot.y}
            width={right - left}
            height={plot.height}
            fill={fill}
            fillOpacity={0.35}
          />
          <text x={(left + right) / 2} y={plot.y + 12} textAnchor="middle" fontSize={10}>
            thermal: {status}
          </text>
        </g>
      ))}
    </g>
  );
}

/**
 * The band drawn behind a time chart whose x axis is in seconds: one shaded stretch per span
 * hotter than `none`, labelled with its status. Returned as elements so a chart lists them as
 * its own children, before its lines (drawn under them).
 */
export function thermalBand(spans: readonly ThermalSpan[]): ReactElement[] {
  return spans.some((span) => thermalFill[span.status])
    ? [<ThermalBandLayer key="thermal-band" spans={spans} />]
    : [];
}

/** What recharts passes a Line's dot renderer (the parts read here). */
interface DotArgs {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: { throttled?: boolean };
}

/**
 * A Line `dot` that marks throttled samples with a red ring and a cross, and draws nothing for
 * the others (a line of 2000 points stays a line).
 */
export function throttledDot({ cx, cy, index, payload }: DotArgs): ReactElement {
  if (!payload?.throttled || cx === undefined || cy === undefined) return <g key={index} />;
  return (
    <g key={index} className="throttled-mark" stroke={runColors.throttled} fill="none">
      <circle cx={cx} cy={cy} r={4} />
      <path
        d={`M${cx - 3} ${cy - 3}L${cx + 3} ${cy + 3}M${cx - 3} ${cy + 3}L${cx + 3} ${cy - 3}`}
      />
    </g>
  );
}
