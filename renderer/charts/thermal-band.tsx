import type { ReactElement } from 'react';
import { ReferenceArea } from 'recharts';
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

/**
 * The band drawn behind a time chart whose x axis is in seconds: one ReferenceArea per span
 * hotter than `none`, labelled with its status. Returned as elements so a chart lists them as
 * its own children (recharts finds them there).
 */
export function thermalBand(spans: readonly ThermalSpan[], yAxisId?: string): ReactElement[] {
  return spans.flatMap((span, index) => {
    const fill = thermalFill[span.status];
    if (!fill) return [];
    return [
      <ReferenceArea
        key={`thermal-${index}`}
        x1={span.from / 1000}
        x2={span.to / 1000}
        {...(yAxisId ? { yAxisId } : {})}
        fill={fill}
        fillOpacity={0.35}
        ifOverflow="hidden"
        className={`thermal-band thermal-${span.status}`}
        label={{ value: `thermal: ${span.status}`, position: 'insideTop', fontSize: 10 }}
      />,
    ];
  });
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
